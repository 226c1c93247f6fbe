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
    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(NirConverter), typeof(CodeInseeConverter), typeof(SirenConverter)])]
    [JsonSerializable(typeof(Dto))]
    private sealed partial class ContexteJson : JsonSerializerContext;

    private sealed record Dto(
        IReadOnlyList<PersonneALoger> Personnes,
        Coordonnees Contact,
        SituationFamiliale? SituationFamiliale,
        decimal? RevenuFiscalReferenceN2,
        LogementActuel? LogementActuel,
        IReadOnlyList<MotifDemande> Motifs,
        MotifDemande? MotifPrincipal,
        Souhaits Souhaits,
        BesoinsHandicap? Handicap,
        RecoursDalo? RecoursDalo = null,
        int Version = 0,
        PersonneMorale? PersonneMorale = null)
    {
        public static Dto De(ContenuDemande c) =>
            new(c.Personnes, c.Contact, c.SituationFamiliale, c.RevenuFiscalReferenceN2, c.LogementActuel, c.Motifs, c.MotifPrincipal, c.Souhaits, c.Handicap,
                c.RecoursDalo, VersionCourante, c.PersonneMorale);
    }

    /// <summary>
    /// Version of the stored content. 2: the Cerfa 14069*05 content per person (co-applicant, dependants, custody, disability
    /// card, own revenu fiscal de référence, employer and workplace), housing allowance, landlord and entry date, DALO
    /// recourse. A content without version (before 2) is migrated when read: see <see cref="Migrer"/>.
    /// </summary>
    public const int VersionCourante = 2;

    /// <summary>
    /// A content stored before version 2 had neither co-applicant nor dependants: the person linked as spouse or partner
    /// becomes the co-applicant (the Cerfa's « conjoint ou futur cotitulaire du bail ») and each child a dependant, the
    /// reading the former form gave these links (docs/contenu-demande.md, « Demandes déjà enregistrées »).
    /// </summary>
    private static IReadOnlyList<PersonneALoger> Migrer(IReadOnlyList<PersonneALoger> personnes)
    {
        var migrees = new PersonneALoger[personnes.Count];
        var coDemandeur = false;
        for (var i = 0; i < migrees.Length; i++)
        {
            var p = personnes[i];
            if (p.Lien == Domain.Menages.LienPersonne.Conjoint && !coDemandeur)
            {
                p = p with { CoDemandeur = true };
                coDemandeur = true;
            }
            else if (p.Lien == Domain.Menages.LienPersonne.Enfant)
            {
                p = p with { ACharge = true };
            }
            migrees[i] = p;
        }
        return migrees;
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
        var personnes = d.Version < VersionCourante ? Migrer(d.Personnes) : d.Personnes;
        var resultat = d.PersonneMorale is { } pm
            ? ContenuDemande.CreerPersonneMorale(pm, personnes.Count == 1 ? personnes[0] : throw Incoherent("une personne morale a un seul représentant"), d.Contact, d.Souhaits)
            : ContenuDemande.Creer(personnes, d.Contact, d.SituationFamiliale ?? throw Incoherent("situation familiale absente"), d.RevenuFiscalReferenceN2,
                d.LogementActuel ?? throw Incoherent("logement actuel absent"), d.Motifs, d.MotifPrincipal ?? throw Incoherent("motif principal absent"),
                d.Souhaits, d.Handicap, d.RecoursDalo);
        return resultat.ValeurOuNull ?? throw new InvalidOperationException($"Contenu de demande stocké incohérent : {resultat.Motif}");
    }

    private static InvalidOperationException Incoherent(string motif) => new($"Contenu de demande stocké incohérent : {motif}.");

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

    private sealed class SirenConverter : JsonConverter<Siren>
    {
        public override Siren Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Siren.Create(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, Siren value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }

    private sealed class CodeInseeConverter : JsonConverter<CodeInsee>
    {
        public override CodeInsee Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => CodeInsee.Create(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, CodeInsee value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
