using System.Text.Json;
using System.Text.Json.Serialization;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Logis.Persistence.Demandes;

/// <summary>
/// The declarations of a demand (<see cref="ContenuDemande"/>) stored as one JSON text column: the value
/// is replaced as a whole on each update, is read back through <see cref="ContenuDemande.Creer"/> (the
/// same checks as at input) and works identically on SQLite and PostgreSQL. The NIR is stored complete
/// inside it, as the domain's <see cref="Nir.ValeurComplete"/>; it is never logged (no sensitive data logging).
/// </summary>
public static partial class ContenuJson
{
    /// <summary>
    /// Serialization code generated at build time (no reflection at run time): the same JSON as the former reflection-based
    /// options (same converters, nulls left out), for the speed of the file import (BENCHMARKS.md, « Fichier de la demande », « Import : analyse et écriture mêlées », point 3).
    /// </summary>
    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(NirConverter), typeof(CodeInseeConverter)])]
    [JsonSerializable(typeof(Dto))]
    private sealed partial class ContexteJson : JsonSerializerContext;

    private sealed record Dto(
        IReadOnlyList<PersonneALoger> Personnes,
        Coordonnees Contact,
        SituationFamiliale SituationFamiliale,
        decimal? RevenuFiscalReferenceN2,
        LogementActuel LogementActuel,
        IReadOnlyList<MotifDemande> Motifs,
        MotifDemande MotifPrincipal,
        Souhaits Souhaits,
        BesoinsHandicap? Handicap)
    {
        public static Dto De(ContenuDemande c) =>
            new(c.Personnes, c.Contact, c.SituationFamiliale, c.RevenuFiscalReferenceN2, c.LogementActuel, c.Motifs, c.MotifPrincipal, c.Souhaits, c.Handicap);
    }

    public static string Ecrire(ContenuDemande c) => JsonSerializer.Serialize(Dto.De(c), ContexteJson.Default.Dto);

    /// <summary>
    /// The same JSON as <see cref="Ecrire(ContenuDemande)"/>, written as UTF-8 into <paramref name="w"/> (the file import copies these
    /// bytes to PostgreSQL without an intermediate string). The writer's default options are those of the string form.
    /// </summary>
    public static void Ecrire(Utf8JsonWriter w, ContenuDemande c) => JsonSerializer.Serialize(w, Dto.De(c), ContexteJson.Default.Dto);

    public static ContenuDemande Lire(string json)
    {
        var d = JsonSerializer.Deserialize(json, ContexteJson.Default.Dto) ?? throw new InvalidOperationException("Contenu de demande vide.");
        var resultat = ContenuDemande.Creer(d.Personnes, d.Contact, d.SituationFamiliale, d.RevenuFiscalReferenceN2, d.LogementActuel,
            d.Motifs, d.MotifPrincipal, d.Souhaits, d.Handicap);
        return resultat.ValeurOuNull ?? throw new InvalidOperationException($"Contenu de demande stocké incohérent : {resultat.Motif}");
    }

    internal sealed class Converter() : ValueConverter<ContenuDemande, string>(v => Ecrire(v), v => Lire(v));

    /// <summary>The content is immutable and replaced as a whole: reference equality is the right change detection.</summary>
    internal static readonly ValueComparer<ContenuDemande> Comparer = new(
        (a, b) => ReferenceEquals(a, b), v => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(v), v => v);

    private sealed class NirConverter : JsonConverter<Nir>
    {
        public override Nir? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Nir.TryCreate(reader.GetString(), out var nir) ? nir : throw new JsonException("NIR stocké invalide.");

        public override void Write(Utf8JsonWriter writer, Nir value, JsonSerializerOptions options) => writer.WriteStringValue(value.ValeurComplete);
    }

    private sealed class CodeInseeConverter : JsonConverter<CodeInsee>
    {
        public override CodeInsee Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => CodeInsee.Create(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, CodeInsee value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
