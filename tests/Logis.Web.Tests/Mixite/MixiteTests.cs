using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Application.Mixite;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Logis.Web.Tests.Mixite;

/// <summary>
/// Social mix through the API and the pages (issue 15): the official threshold and Logis's estimate, the CIA objectives as data, the indicators
/// (contract of GET /api/v1/mixite/indicateurs), perimeters, exports and the yearly bilan. The figures themselves are checked against hand counts
/// in Logis.Domain.Tests (IndicateursMixiteTests); here, a year without leases (2019) keeps the shared base's other tests out of the counts.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class MixiteTests(ApplicationsFixture fx)
{
    private const int Annee = 2019;
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.True(attendu == r.StatusCode, $"attendu {(int)attendu}, obtenu {(int)r.StatusCode} : {await r.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory, DeuxBases]
    public async Task Seuil_officiel_objectifs_de_la_CIA_et_indicateurs_d_une_annee(string f)
    {
        var app = fx.App(f);
        var epci = app.ClientApi("epci");
        await using var db = fx.Base(f);
        var b0 = OffresTests.Bailleur(db, 0);
        var b1 = OffresTests.Bailleur(db, 1);

        // Without the threshold of the year, the quartile objectives are not measured; the legal rates stand.
        var sans = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/mixite/indicateurs?annee={Annee - 1}");
        var q1 = sans.GetProperty("objectifs").EnumerateArray().First();
        Assert.Equal("q1-hors-qpv", q1.GetProperty("nature").GetString());
        Assert.Equal(25m, q1.GetProperty("cible").GetDecimal());
        Assert.True(q1.GetProperty("legal").GetBoolean());
        Assert.True(q1.GetProperty("seuilManquant").GetBoolean());
        Assert.Contains("n'est pas enregistré", sans.GetProperty("seuil").GetProperty("avertissement").GetString());

        // The official value of the year, entered by the EPCI's agent only, journalised.
        await ProblemeAsync(await app.ClientApi("bailleur").PostAsJsonAsync("/api/v1/mixite/seuils", new { annee = Annee, montant = 8861, source = "Arrêté" }), HttpStatusCode.Forbidden);
        var invalide = await ProblemeAsync(await epci.PostAsJsonAsync("/api/v1/mixite/seuils", new { annee = Annee, montant = -1 }), HttpStatusCode.BadRequest);
        Assert.True(invalide.GetProperty("errors").TryGetProperty("montant", out _));
        var ok = await epci.PostAsJsonAsync("/api/v1/mixite/seuils", new { annee = Annee, montant = 8861, source = "Arrêté du 15 juin 2020, annexe (valeur d'essai)" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var seuils = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/mixite/seuils?annee={Annee}");
        Assert.Equal(8861m, seuils.GetProperty("officiel").GetProperty("montant").GetDecimal());
        Assert.Equal($"{Annee - 1}-12-31", seuils.GetProperty("estimation").GetProperty("reference").GetString());
        Assert.True(await db.Audit.AsNoTracking().AnyAsync(x => x.Action == SuiviMixiteService.ActionSeuil && x.Detail!.Contains("8861")));

        // Objectives of the CIA: a local rate for the EPCI and one for the second bailleur; bad input names its fields; others may not define.
        var faux = await ProblemeAsync(await epci.PostAsJsonAsync("/api/v1/mixite/objectifs", new { annee = Annee, nature = "tout", taux = 120, commune = "99999" }), HttpStatusCode.BadRequest);
        foreach (var champ in new[] { "nature", "taux", "commune" }) Assert.True(faux.GetProperty("errors").TryGetProperty(champ, out _), champ);
        await ProblemeAsync(await app.ClientApi("bailleur").PostAsJsonAsync("/api/v1/mixite/objectifs", new { annee = Annee, nature = "prioritaires", taux = 30 }), HttpStatusCode.Forbidden);
        var cree = await epci.PostAsJsonAsync("/api/v1/mixite/objectifs", new { annee = Annee, nature = "q1-hors-qpv", taux = 30, source = "CIA, annexe 2" });
        Assert.Equal(HttpStatusCode.Created, cree.StatusCode);
        var pourB1 = await (await epci.PostAsJsonAsync("/api/v1/mixite/objectifs", new { annee = Annee, nature = "prioritaires", taux = 27.5, bailleur = b1.Value })).Content.ReadFromJsonAsync<JsonElement>();
        // Saving the same perimeter again replaces the rate.
        var remplace = await epci.PostAsJsonAsync("/api/v1/mixite/objectifs", new { annee = Annee, nature = "q1-hors-qpv", taux = 32 });
        Assert.Equal(HttpStatusCode.Created, remplace.StatusCode);
        var objectifs = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/mixite/objectifs?annee={Annee}");
        Assert.Equal(2, objectifs.GetArrayLength());
        Assert.Contains(objectifs.EnumerateArray(), o => o.GetProperty("nature").GetString() == "q1-hors-qpv" && o.GetProperty("taux").GetDecimal() == 32m);

        // The indicators: each objective with its target, rate achieved, count achieved and count still needed (no lease in that year: 0).
        var ind = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/mixite/indicateurs?annee={Annee}");
        Assert.Equal(Annee, ind.GetProperty("annee").GetInt32());
        Assert.Equal(0, ind.GetProperty("baux").GetInt32());
        var liste = ind.GetProperty("objectifs").EnumerateArray().ToList();
        var local = liste.Single(o => o.GetProperty("nature").GetString() == "q1-hors-qpv");
        Assert.False(local.GetProperty("legal").GetBoolean());
        Assert.Equal(32m, local.GetProperty("cible").GetDecimal());
        Assert.False(local.GetProperty("seuilManquant").GetBoolean());
        Assert.Equal(0, local.GetProperty("nombreAtteint").GetInt32());
        Assert.Equal(0, local.GetProperty("nombreManquant").GetInt32());
        Assert.Equal(JsonValueKind.Null, local.GetProperty("tauxAtteint").ValueKind); // no lease: no rate
        Assert.Contains(liste, o => o.GetProperty("nature").GetString() == "hors-q1-en-qpv" && o.GetProperty("legal").GetBoolean() && o.GetProperty("cible").GetDecimal() == 50m);
        Assert.Contains(liste, o => o.GetProperty("nature").GetString() == "prioritaires" && o.GetProperty("cible").GetDecimal() == 27.5m);
        Assert.Equal(12, ind.GetProperty("dernierMois").GetInt32());

        // Perimeters: a bailleur's agent its own objectives only; a commune's agent the EPCI and its commune's lines.
        var deB0 = await app.ClientApi("bailleur").GetFromJsonAsync<JsonElement>($"/api/v1/mixite/objectifs?annee={Annee}");
        Assert.Equal(0, deB0.GetArrayLength());
        var indB0 = await app.ClientApi("bailleur").GetFromJsonAsync<JsonElement>($"/api/v1/mixite/indicateurs?annee={Annee}");
        Assert.All(indB0.GetProperty("objectifs").EnumerateArray(), o => Assert.True(o.GetProperty("legal").GetBoolean()));
        var b2 = await app.ConnecterAsync("bailleur2");
        var deB1 = await b2.GetFromJsonAsync<JsonElement>($"/api/v1/mixite/objectifs?annee={Annee}");
        Assert.Equal(pourB1.GetProperty("id").GetGuid(), deB1.EnumerateArray().Single().GetProperty("id").GetGuid());
        var toutes = ind.GetProperty("preferenceCommunale").GetArrayLength();
        Assert.True(toutes > 1);
        var commune = await app.ConnecterAsync("commune");
        var indCommune = await commune.GetFromJsonAsync<JsonElement>($"/api/v1/mixite/indicateurs?annee={Annee}");
        Assert.Equal(1, indCommune.GetProperty("preferenceCommunale").GetArrayLength());
        Assert.Contains("Toute l'intercommunalité", indCommune.GetProperty("perimetre").GetString());

        // Bad years are refused in French.
        await ProblemeAsync(await epci.GetAsync("/api/v1/mixite/indicateurs?annee=vingt"), HttpStatusCode.BadRequest);
        await ProblemeAsync(await epci.GetAsync($"/api/v1/mixite/indicateurs?annee={app.Horloge.AujourdhuiEnFrance().Year + 1}"), HttpStatusCode.BadRequest);

        // Removing an objective: the legal rate stands again for that nature.
        var supprime = await epci.DeleteAsync($"/api/v1/mixite/objectifs/{pourB1.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.NoContent, supprime.StatusCode);
        await ProblemeAsync(await epci.DeleteAsync($"/api/v1/mixite/objectifs/{pourB1.GetProperty("id").GetGuid()}"), HttpStatusCode.NotFound);
        var apres = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/mixite/indicateurs?annee={Annee}");
        Assert.Contains(apres.GetProperty("objectifs").EnumerateArray(), o => o.GetProperty("nature").GetString() == "prioritaires" && o.GetProperty("legal").GetBoolean());
        _ = b0;
    }

    /// <summary>
    /// Tension and waiting time by commune and typology on the dashboard: the public statistics' rule (<see cref="TableauStatistiques"/>) applied
    /// here to the rows read one by one — demands active on the reference day (today for the current year, 31 December for a past year), leases of
    /// the civil year — against the API; a commune's agent gets the EPCI's lines and its commune's, no other commune.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Tension_et_attente_par_commune_et_typologie_sont_celles_des_statistiques_publiques_sur_l_annee_civile(string f)
    {
        var app = fx.App(f);
        var aujourdhui = app.Horloge.AujourdhuiEnFrance();
        var epci = app.ClientApi("epci"); // starts the application, which seeds the demo demands and leases
        await using var db = fx.Base(f);
        var communes = (await db.Communes.AsNoTracking().Where(c => c.EpciSiren == Tpm).Select(c => new { c.CodeInsee, c.Nom }).ToListAsync())
            .OrderBy(c => c.Nom, StringComparer.Ordinal).Select(c => c.CodeInsee.Value).ToList();
        var toutes = await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == Tpm).ToListAsync();
        var baux = await db.Attributions.AsNoTracking().Where(a => a.EpciSiren == Tpm).ToListAsync();
        foreach (var annee in new[] { aujourdhui.Year, aujourdhui.Year - 1 })
        {
            var le = annee == aujourdhui.Year ? aujourdhui : new DateOnly(annee, 12, 31);
            var attendu = TableauStatistiques.Calculer(communes,
                toutes.Where(d => d.DateDepot <= le && (d.DateRadiation is null || d.DateRadiation > le) && d.FusionneeDans is null)
                    .Select(d => new GroupeDemandes([.. d.Contenu.Souhaits.Typologies], [.. d.Contenu.Souhaits.Communes.Select(c => c.Value)], d.Contenu.Souhaits.ToutEpci, 1)),
                baux.Where(a => a.DateSignature.Year == annee).Select(a => new BailObserve(a.CommuneInsee.Value, a.Typologie, a.DateDepot, a.DateSignature, a.Prioritaire)));
            var lu = (await epci.GetFromJsonAsync<IndicateursVue>($"/api/v1/mixite/indicateurs?annee={annee}", Web))!;
            Assert.Equal(le, lu.DemandesActivesLe);
            Assert.Equal((communes.Count + 1) * 7, lu.Tension.Count);
            foreach (var t in lu.Tension)
            {
                var x = attendu[(t.CommuneInsee, t.Typologie is null ? null : Enum.GetValues<Typologie>().Single(y => y.Libelle() == t.Typologie))];
                var ou = $"{annee} {t.Commune} × {t.Typologie ?? "toutes"}";
                Assert.True((x.DemandesActives, x.Attributions, x.Tension) == (t.DemandesActives, t.Baux, t.Tension),
                    $"{ou} : attendu {x.DemandesActives}/{x.Attributions}/{x.Tension}, lu {t.DemandesActives}/{t.Baux}/{t.Tension}");
                Assert.Equal((x.Delai.Q1Mois, x.Delai.MedianeMois, x.Delai.Q3Mois), (t.AttenteQ1Mois, t.AttenteMedianeMois, t.AttenteQ3Mois));
                Assert.True(t.DemandesActives is null or 0 or >= SecretStatistique.Seuil, ou);
                Assert.True(t.Baux is null or 0 or >= SecretStatistique.Seuil, ou);
            }
            // The territory line counts each active demand once.
            Assert.Equal(SecretStatistique.Compte(toutes.Count(d => d.DateDepot <= le && (d.DateRadiation is null || d.DateRadiation > le) && d.FusionneeDans is null)),
                lu.Tension.Single(t => t.CommuneInsee is null && t.Typologie is null).DemandesActives);
        }

        var commune = await app.ConnecterAsync("commune");
        var indCommune = (await commune.GetFromJsonAsync<IndicateursVue>($"/api/v1/mixite/indicateurs?annee={aujourdhui.Year}", Web))!;
        Assert.Equal(2 * 7, indCommune.Tension.Count);
        Assert.Single(indCommune.Tension.Where(t => t.CommuneInsee is not null).Select(t => t.CommuneInsee).Distinct());
    }

    /// <summary>
    /// The communal-preference indicator counts the active demands in the database by the search column of the current housing's commune: it
    /// gives what the contents read one by one give (each active demand naming a commune, those living in it), and the column follows a change
    /// of the current commune through the API (created, moved, removed).
    /// </summary>
    [Theory, DeuxBases]
    public async Task La_preference_communale_compte_les_demandes_comme_leurs_contenus_lus_un_a_un(string f)
    {
        var app = fx.App(f);
        var annee = app.Horloge.AujourdhuiEnFrance().Year;
        var epci = app.ClientApi("epci");
        await using var db = fx.Base(f);
        async Task<string?> ColonneAsync(string numero)
        {
            Assert.True(NumeroUnique.TryParse(numero, out var n));
            return await db.Demandes.AsNoTracking().Where(d => d.Numero == n).Select(d => EF.Property<string?>(d, ColonnesDemande.CommuneActuelle)).SingleAsync();
        }
        object Saisie(string? commune)
        {
            var corps = JsonSerializer.SerializeToNode(DemandesApiTests.Saisie("Preferencecommunale", "83126"), Web)!;
            corps["logementActuel"]!["commune"] = commune;
            return corps;
        }

        var numero = await DemandesApiTests.CreerAsync(epci, Saisie("83137"));
        Assert.Equal("83137", await ColonneAsync(numero));
        Assert.Equal(HttpStatusCode.NoContent, (await epci.PutAsJsonAsync($"/api/v1/demandes/{numero}", Saisie("83126"))).StatusCode);
        Assert.Equal("83126", await ColonneAsync(numero));
        Assert.Equal(HttpStatusCode.NoContent, (await epci.PutAsJsonAsync($"/api/v1/demandes/{numero}", Saisie(null))).StatusCode);
        Assert.Null(await ColonneAsync(numero));
        Assert.Equal(HttpStatusCode.NoContent, (await epci.PutAsJsonAsync($"/api/v1/demandes/{numero}", Saisie("83126"))).StatusCode);

        // The current year: the demands active today (the reference day of the tension).
        var le = app.Horloge.AujourdhuiEnFrance();
        var actives = (await db.Demandes.AsNoTracking()
            .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == Tpm && d.DateDepot <= le && (d.DateRadiation == null || d.DateRadiation > le) && d.FusionneeDans == null)
            .Select(d => d.Contenu).ToListAsync()).Select(c => (Residence: c.LogementActuel?.Commune, c.Souhaits.Communes)).ToList();
        var lu = (await epci.GetFromJsonAsync<IndicateursVue>($"/api/v1/mixite/indicateurs?annee={annee}", Web))!;
        Assert.Equal(le, lu.DemandesActivesLe);
        Assert.Equal(await db.Communes.CountAsync(c => c.EpciSiren == Tpm), lu.PreferenceCommunale.Count);
        foreach (var p in lu.PreferenceCommunale)
        {
            var c = CodeInsee.Create(p.CommuneInsee);
            var nommee = actives.Where(d => d.Communes.Contains(c)).ToList();
            var residents = nommee.Count(d => d.Residence == c);
            Assert.True((SecretStatistique.Compte(nommee.Count), SecretStatistique.Taux(residents, nommee.Count)) == (p.Demandes, p.PartDemandesResidents),
                $"{p.Commune} : attendu {nommee.Count} demandes dont {residents} y habitant, lu {p.Demandes} et {p.PartDemandesResidents} %");
        }
        // The demo's demands name communes and live in them: the comparison above is not an empty one.
        Assert.Contains(lu.PreferenceCommunale, p => p.Demandes > 0 && p.PartDemandesResidents > 0);
        Assert.Contains(actives, d => d.Residence == CodeInsee.Create("83126") && d.Communes.Contains(CodeInsee.Create("83126")));
    }

    /// <summary>
    /// For a past year, the communal preference compares the leases with the demands active on 31 December of that year — the reference day of
    /// the tension — not with those active today: counted here from the raw rows and contents (deposited by then, not radiated then, not merged),
    /// and the demo's demands deposited or radiated since then make the two counts differ (the comparison is not an empty one).
    /// </summary>
    [Theory, DeuxBases]
    public async Task La_preference_communale_d_une_annee_passee_compte_les_demandes_actives_au_31_decembre(string f)
    {
        var app = fx.App(f);
        var epci = app.ClientApi("epci"); // starts the application, which seeds the demo history
        await using var db = fx.Base(f);
        var annee = app.Horloge.AujourdhuiEnFrance().Year - 1;
        var le = new DateOnly(annee, 12, 31);
        var demandes = await db.Demandes.AsNoTracking().Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == Tpm)
            .Select(d => new { d.DateDepot, d.DateRadiation, Fusionnee = d.FusionneeDans != null, d.Statut, d.Contenu }).ToListAsync();
        var auJour = demandes.Where(d => d.DateDepot <= le && (d.DateRadiation is null || d.DateRadiation > le) && !d.Fusionnee).ToList();
        var aujourdhui = demandes.Where(d => d.Statut == StatutDemande.Active).ToList();

        var lu = (await epci.GetFromJsonAsync<IndicateursVue>($"/api/v1/mixite/indicateurs?annee={annee}", Web))!;
        Assert.Equal(le, lu.DemandesActivesLe);
        Assert.Equal(await db.Communes.CountAsync(c => c.EpciSiren == Tpm), lu.PreferenceCommunale.Count);
        var differentes = 0;
        foreach (var p in lu.PreferenceCommunale)
        {
            var c = CodeInsee.Create(p.CommuneInsee);
            (int?, decimal?) Compter(IEnumerable<ContenuDemande> contenus)
            {
                var nommee = contenus.Where(x => x.Souhaits.Communes.Contains(c)).ToList();
                return (SecretStatistique.Compte(nommee.Count), SecretStatistique.Taux(nommee.Count(x => x.LogementActuel?.Commune == c), nommee.Count));
            }
            var attendu = Compter(auJour.Select(d => d.Contenu));
            Assert.True(attendu == (p.Demandes, p.PartDemandesResidents), $"{p.Commune} : attendu {attendu}, lu ({p.Demandes}, {p.PartDemandesResidents})");
            if (Compter(aujourdhui.Select(d => d.Contenu)) != attendu) differentes++;
        }
        Assert.True(differentes > 0, "les demandes actives au 31 décembre et celles d'aujourd'hui donnent les mêmes chiffres : le test ne distingue rien");
        Assert.Contains(lu.PreferenceCommunale, p => p.Demandes > 0 && p.PartDemandesResidents > 0);
        // The tension of the same year reads the same demands: the territory line counts each of them once.
        Assert.Equal(SecretStatistique.Compte(auJour.Count), lu.Tension.Single(t => t.CommuneInsee is null && t.Typologie is null).DemandesActives);
    }

    /// <summary>
    /// The demo's year of leases counts the households rehoused by an urban-renewal operation (vacancies declared out of the flux for it) with the
    /// first quartile outside QPV (L441-1): the flag reaches each lease of <c>GET /api/v1/attributions</c>, and the first-quartile objective and the
    /// quartile mix read the counts made here from the raw rows (income per UC below the threshold of the year, or the vacancy's reason).
    /// </summary>
    [Theory, DeuxBases]
    public async Task Les_relogements_du_renouvellement_urbain_comptent_avec_le_premier_quartile_hors_QPV(string f)
    {
        var app = fx.App(f);
        var epci = app.ClientApi("epci"); // starts the application, which seeds the demo history
        await using var db = fx.Base(f);
        var aujourdhui = app.Horloge.AujourdhuiEnFrance();
        var relogesVus = 0;
        foreach (var annee in new[] { aujourdhui.Year - 1, aujourdhui.Year })
        {
            var baux = await db.Attributions.AsNoTracking().Where(a => a.EpciSiren == Tpm && a.Annee == annee).ToListAsync();
            var vacances = baux.Select(a => a.VacanceId).ToList();
            var motifs = await db.Vacances.AsNoTracking().Where(v => vacances.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.HorsFlux);
            var seuil = (await db.SeuilsPremierQuartile.AsNoTracking().SingleOrDefaultAsync(s => s.EpciSiren == Tpm && s.Annee == annee))?.Montant;

            // Each lease carries its vacancy's reason out of the flux, and the API says which were such rehousings.
            Assert.All(baux, a => Assert.Equal(motifs[a.VacanceId], a.HorsFlux));
            static bool Reloge(Domain.Attributions.MotifHorsFlux? m) => m is Domain.Attributions.MotifHorsFlux.RenouvellementUrbain or Domain.Attributions.MotifHorsFlux.Orcod;
            var lus = new List<JsonElement>();
            for (var page = 1; ; page++)
            {
                var p = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/attributions?annee={annee}&page={page}&taillePage=100");
                lus.AddRange(p.GetProperty("elements").EnumerateArray());
                if (lus.Count >= p.GetProperty("total").GetInt32()) break;
            }
            Assert.Equal(baux.Count, lus.Count);
            var parId = baux.ToDictionary(a => a.Id.Value);
            Assert.All(lus, l => Assert.Equal(Reloge(parId[l.GetProperty("id").GetGuid()].HorsFlux), l.GetProperty("relogementRenouvellement").GetBoolean()));
            relogesVus += baux.Count(a => Reloge(a.HorsFlux));

            var horsQpv = baux.Where(a => a.QpvCode is null).ToList();
            var relogesHorsQpv = horsQpv.Count(a => Reloge(a.HorsFlux));
            var servent = horsQpv.Count(a => Reloge(a.HorsFlux) || (seuil is { } s && a.RevenuParUc is { } r && r < s));
            var ind = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/mixite/indicateurs?annee={annee}");
            var q1 = ind.GetProperty("objectifs").EnumerateArray().First(o => o.GetProperty("nature").GetString() == "q1-hors-qpv"
                && o.GetProperty("bailleur").ValueKind == JsonValueKind.Null && o.GetProperty("commune").ValueKind == JsonValueKind.Null
                && o.GetProperty("reservataire").ValueKind == JsonValueKind.Null);
            Assert.Equal(SecretStatistique.Compte(horsQpv.Count), Entier(q1.GetProperty("baux")));
            if (seuil is not null)
            {
                var diffusable = SecretStatistique.Diffusable(servent) && SecretStatistique.Diffusable(horsQpv.Count - servent);
                Assert.Equal(diffusable ? servent : (int?)null, Entier(q1.GetProperty("nombreAtteint")));
            }
            var melange = ind.GetProperty("quartiles").EnumerateArray().Single(q => q.GetProperty("situation").GetString() == "Hors QPV").GetProperty("relogementsRenouvellement");
            var montre = SecretStatistique.Diffusable(relogesHorsQpv) && SecretStatistique.Diffusable(horsQpv.Count - relogesHorsQpv);
            Assert.Equal(montre ? relogesHorsQpv : (int?)null, Entier(melange));
        }
        // The demo draws vacancies out of the flux for urban renewal: some of them reach a lease.
        Assert.True(relogesVus > 0, "aucun bail de relogement lié au renouvellement urbain dans l'historique de démonstration");

        // The dashboard and the quartile export name the column.
        var agent = await app.ConnecterAsync("epci");
        Assert.Contains("Relogements ANRU ou ORCOD", await agent.GetStringAsync("/mixite"));
        Assert.Contains("Relogements ANRU ou ORCOD", await agent.GetStringAsync("/mixite/export?table=quartiles&format=csv"));
    }

    private static object Saisie(string nom, decimal revenuMensuel) => new
    {
        personnes = new[]
        {
            new { nom, prenoms = "Quartile", dateNaissance = "1984-05-06", lien = "Demandeur", situationProfessionnelle = "Cdi",
                ressources = new[] { new { type = "Salaire", montantMensuel = revenuMensuel } } },
        },
        adresse = new { ligne1 = "3 rue du Quartile", codePostal = "83000", commune = "Toulon" },
        telephone = "0639980001",
        accepteCourriel = false,
        situationFamiliale = "Celibataire",
        logementActuel = new { statut = "LocataireParcPrive", loyerMensuel = 450m, surface = 30m },
        motifs = new[] { "LogementTropCher" },
        motifPrincipal = "LogementTropCher",
        souhaits = new { typologies = new[] { "T2" }, communes = new[] { "83137" }, toutEpci = false, loyerMaximum = 500m },
    };

    /// <summary>
    /// The quartile of a demand at its date (issue 15, point 1), on the demand page and through the API, against the threshold of the year (the
    /// demo's 8 900 € per UC): one person alone, 500 € a month → 6 000 € per UC, first quartile; 1 450 € a month → 17 400 €, other quartiles.
    /// A year without threshold: not determined, and said so.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Le_quartile_d_une_demande_a_sa_date_avec_le_seuil_de_l_annee(string f)
    {
        var app = fx.App(f);
        var epci = app.ClientApi("epci");
        var nom = "Quartile" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'a');
        var pauvre = await DemandesApiTests.CreerAsync(epci, Saisie(nom, 500m));
        var autre = await DemandesApiTests.CreerAsync(epci, Saisie(nom + "b", 1450m));
        var annee = app.Horloge.AujourdhuiEnFrance().Year;
        await using var db = fx.Base(f);
        Assert.Equal(MixiteService.SeuilDemo, (await db.SeuilsPremierQuartile.AsNoTracking().SingleAsync(s => s.EpciSiren == Tpm && s.Annee == annee)).Montant);

        var q1 = (await epci.GetFromJsonAsync<QuartileDemandeVue>($"/api/v1/mixite/demandes/{pauvre}/quartile", Web))!;
        Assert.Equal(("q1", 6000m, MixiteService.SeuilDemo, annee), (q1.Quartile, q1.RevenuParUc, q1.Seuil, q1.Annee));
        Assert.StartsWith("Premier quartile : 6 000 €", q1.Texte.Replace('\u202f', ' ').Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.True(q1.SeuilDemonstration);
        var q2 = (await epci.GetFromJsonAsync<QuartileDemandeVue>($"/api/v1/mixite/demandes/{autre}/quartile", Web))!;
        Assert.Equal(("q2-q4", 17400m), (q2.Quartile, q2.RevenuParUc));
        await ProblemeAsync(await epci.GetAsync("/api/v1/mixite/demandes/inconnue/quartile"), HttpStatusCode.BadRequest);

        var page = await (await app.ConnecterAsync("epci")).GetStringAsync($"/demandes/{pauvre}");
        Assert.Contains("id=\"quartile-demande\">Premier quartile", page);

        // Another year, no threshold recorded for it: the quartile is not determined.
        Assert.True(NumeroUnique.TryParse(pauvre, out var n));
        var demande = await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n);
        var plusTard = new SuiviMixiteService(db, Horloges.Fixe(new DateTimeOffset(annee + 3, 3, 1, 10, 0, 0, TimeSpan.FromHours(1))));
        var sans = await plusTard.QuartileAsync(Tpm, demande, default);
        Assert.Null(sans.Quartile);
        Assert.Contains($"le seuil du premier quartile de {annee + 3} n'est pas enregistré", sans.Texte);
    }

    [Theory, DeuxBases]
    public async Task Tableau_de_bord_exports_et_bilan_annuel(string f)
    {
        var app = fx.App(f);
        var agent = await app.ConnecterAsync("epci");
        var page = await agent.GetAsync("/mixite");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"mixite-objectifs\"", html);
        Assert.Contains("<svg", html);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("/mixite?annee=abc")).StatusCode);

        // Every table to CSV and XLSX.
        foreach (var table in ExportsMixite.Tables)
        {
            var csv = await agent.GetAsync($"/mixite/export?table={table}&format=csv");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var texte = await csv.Content.ReadAsStringAsync();
            Assert.Contains(';', texte.Split('\n')[0]);
            var xlsx = await agent.GetAsync($"/mixite/export?table={table}&format=xlsx");
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            var octets = await xlsx.Content.ReadAsByteArrayAsync();
            Assert.Equal((byte)'P', octets[0]); // a zip (OOXML)
            using var flux = new MemoryStream(octets);
            var lignes = MiniExcelLibs.MiniExcel.Query(flux, useHeaderRow: true).ToList();
            Assert.NotNull(lignes);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("/mixite/export?table=personne&format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("/mixite/export?table=objectifs&format=doc")).StatusCode);

        // The yearly bilan: HTML with its definitions, and a readable PDF.
        var bilan = await agent.GetStringAsync("/mixite/bilan");
        Assert.Contains("id=\"bilan-definitions\"", bilan);
        var pdf = await agent.GetAsync("/mixite/bilan.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var tout = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.Contains("Bilan " + app.Horloge.AujourdhuiEnFrance().Year.ToString(CultureInfo.InvariantCulture), tout);
        Assert.Contains("Secret statistique", tout);
        Assert.Contains("Objectifs et résultats", tout);
        Assert.Contains("Tension et attente", tout);
        Assert.Contains("id=\"mixite-tension\"", html);
    }

    /// <summary>
    /// The yearly report opens as a readable PDF (issue 15): its text read back (PdfPig) carries the headings, the year's figures of the API and
    /// the definitions, and its pages are converted to PNG by <c>pdftoppm</c> (poppler-utils, installed by test.sh) into artifacts/bilan-mixite,
    /// kept by CI with the other test artefacts. An unreadable PDF or a failed conversion fails the test.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Le_bilan_annuel_PDF_se_lit_et_ses_pages_sont_gardees_en_images(string f)
    {
        var app = fx.App(f);
        var annee = app.Horloge.AujourdhuiEnFrance().Year;
        var ind = (await app.ClientApi("epci").GetFromJsonAsync<IndicateursVue>($"/api/v1/mixite/indicateurs?annee={annee}", Web))!;
        Assert.True(ind.Baux > 0, "la démonstration n'a aucun bail cette année");
        var agent = await app.ConnecterAsync("epci");
        var reponse = await agent.GetAsync($"/mixite/bilan.pdf?annee={annee}");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("application/pdf", reponse.Content.Headers.ContentType?.MediaType);
        var octets = await reponse.Content.ReadAsByteArrayAsync();

        int pages;
        using (var document = PdfDocument.Open(octets))
        {
            pages = document.NumberOfPages;
            // Words in reading order, without spaces (the thousands separator is a narrow no-break space).
            var mots = string.Concat(document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            static string Colle(string t) => new([.. t.Where(c => !char.IsWhiteSpace(c))]);
            foreach (var attendu in new[]
                     {
                         $"Bilan {annee} de la convention intercommunale d'attribution", "Objectifs et résultats", "Trajectoire sur l'année",
                         "Tension et attente", "Définitions", "Secret statistique", "Relogement ANRU ou ORCOD :",
                         "Baux signés avec des ménages : " + ind.Baux!.Value.ToString("N0", CultureInfo.GetCultureInfo("fr-FR")),
                     })
                Assert.True(mots.Contains(Colle(attendu), StringComparison.Ordinal), $"« {attendu} » absent du texte du PDF");
            foreach (var o in ind.Objectifs.Where(o => !o.SeuilManquant && o.TauxAtteint is not null))
                Assert.Contains(Colle(o.TauxAtteint!.Value.ToString("0.0", CultureInfo.GetCultureInfo("fr-FR")) + " %"), mots, StringComparison.Ordinal);
        }
        Assert.True(pages >= 2, $"{pages} page(s)");

        // The pages as images, where CI keeps the test artefacts.
        var dossier = Path.Combine(RacineDepot(), "artifacts", "bilan-mixite");
        Directory.CreateDirectory(dossier);
        var prefixe = Path.Combine(dossier, $"bilan-{annee}-{f}");
        foreach (var ancien in Directory.GetFiles(dossier, $"bilan-{annee}-{f}-*.png")) File.Delete(ancien);
        var pdfChemin = prefixe + ".pdf";
        await File.WriteAllBytesAsync(pdfChemin, octets);
        var info = new System.Diagnostics.ProcessStartInfo("pdftoppm", ["-png", "-r", "80", pdfChemin, prefixe])
        {
            RedirectStandardError = true, UseShellExecute = false,
        };
        System.Diagnostics.Process? conversion;
        try { conversion = System.Diagnostics.Process.Start(info); }
        catch (System.ComponentModel.Win32Exception e) { throw new Xunit.Sdk.XunitException($"pdftoppm introuvable (paquet poppler-utils, installé par test.sh) : {e.Message}"); }
        Assert.NotNull(conversion);
        using (conversion)
        {
            var erreurs = await conversion.StandardError.ReadToEndAsync();
            await conversion.WaitForExitAsync();
            Assert.True(conversion.ExitCode == 0, $"pdftoppm a échoué ({conversion.ExitCode}) : {erreurs}");
        }
        var images = Directory.GetFiles(dossier, $"bilan-{annee}-{f}-*.png").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(pages, images.Count);
        foreach (var image in images)
        {
            var entete = new byte[8];
            await using (var flux = File.OpenRead(image)) Assert.Equal(8, await flux.ReadAsync(entete));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, entete);
            Assert.True(new FileInfo(image).Length > 5_000, $"{image} : image presque vide");
        }
    }

    private static int? Entier(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt32();

    /// <summary>The repository's root (where Logis.slnx is), from the test binaries.</summary>
    private static string RacineDepot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Logis.slnx"))) return d.FullName;
        throw new InvalidOperationException("Racine du dépôt introuvable (Logis.slnx).");
    }
}
