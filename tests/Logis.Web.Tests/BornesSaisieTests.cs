using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;

namespace Logis.Web.Tests;

/// <summary>
/// Issue 13, « 500 instead of 400 » and « input bounds everywhere »: amounts beyond what a household can declare, numbers beyond
/// Int32 or decimal, more persons than any channel accepts. Each gets 400 with the field named, in French, and nothing is stored.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class BornesSaisieTests(ApplicationsFixture fx)
{
    private static JsonObject Corps() => JsonSerializer.SerializeToNode(DemandesApiTests.Saisie("Bornes"))!.AsObject();

    public static TheoryData<string, string, string> Mutations() => new()
    {
        { "loyer actuel de mille milliards", "logementActuel.loyerMensuel", """{"logementActuel":{"statut":"LocataireParcPrive","loyerMensuel":1e12,"surface":30}}""" },
        { "ressource au-delà du décimal", "personnes[0].ressources[0].montantMensuel", "RESSOURCE:1e30" },
        { "ressource de 10^28", "personnes[0].ressources", "RESSOURCE:1e28" },
        { "revenu fiscal au maximum décimal", "revenuFiscalReferenceN2", """{"revenuFiscalReferenceN2":79228162514264337593543950335}""" },
        { "étage au-delà d'Int32", "souhaits.etageMaximum", """{"souhaits":{"typologies":["T2"],"communes":["83137"],"toutEpci":false,"etageMaximum":2147483648}}""" },
        { "loyer souhaité démesuré", "souhaits.loyerMaximum", """{"souhaits":{"typologies":["T2"],"communes":["83137"],"toutEpci":false,"loyerMaximum":1e15}}""" },
        { "surface démesurée", "logementActuel.surface", """{"logementActuel":{"statut":"LocataireParcPrive","loyerMensuel":600,"surface":1e20}}""" },
        { "aide au logement démesurée", "logementActuel.aideLogementMensuelle", """{"logementActuel":{"statut":"LocataireParcPrive","loyerMensuel":600,"surface":30,"aideLogementMensuelle":1e13}}""" },
        { "256 personnes", "personnes", "PERSONNES:256" },
    };

    private static string Muter(string mutation)
    {
        var corps = Corps();
        if (mutation.StartsWith("RESSOURCE:", StringComparison.Ordinal))
        {
            var texte = corps.ToJsonString().Replace("\"montantMensuel\":1450", "\"montantMensuel\":" + mutation["RESSOURCE:".Length..], StringComparison.Ordinal);
            Assert.NotEqual(corps.ToJsonString(), texte);
            return texte;
        }
        if (mutation.StartsWith("PERSONNES:", StringComparison.Ordinal))
        {
            var n = int.Parse(mutation["PERSONNES:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var personnes = corps["personnes"]!.AsArray();
            for (var i = 1; i < n; i++)
                personnes.Add(new JsonObject { ["nom"] = "Bornes", ["prenoms"] = $"Enfant{i}", ["dateNaissance"] = "2015-01-01", ["lien"] = "Enfant", ["aCharge"] = true });
            return corps.ToJsonString();
        }
        foreach (var (cle, valeur) in JsonNode.Parse(mutation)!.AsObject()) corps[cle] = valeur?.DeepClone();
        return corps.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Une_valeur_hors_bornes_donne_400_avec_le_champ_et_ne_cree_rien(string cas, string champ, string mutation)
    {
        var client = fx.App(BasesDeTest.Sqlite).ClientApi("epci");
        var avant = await CompterAsync(client);
        using var contenu = new StringContent(Muter(mutation), Encoding.UTF8, "application/json");
        var r = await client.PostAsync("/api/v1/demandes", contenu);
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{cas} : {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        var probleme = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(probleme.GetProperty("errors").TryGetProperty(champ, out var messages), $"{cas} : {probleme}");
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
        Assert.Equal(avant, await CompterAsync(client));
    }

    private static async Task<int> CompterAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/demandes?nom=Bornes&taillePage=1")).GetProperty("total").GetInt32();
}
