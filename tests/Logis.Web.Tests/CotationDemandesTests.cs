using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Logis.Cli.Cotation;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Persistence;
using Logis.Persistence.Cotation;
using Logis.Persistence.Demandes;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Logis.Application.Cotation;

namespace Logis.Web.Tests;

[Collection(CollectionApplications.Nom)]
public class CotationDemandesTests(ApplicationsFixture fx)
{
    private static readonly Domain.Territoire.Siren Tpm = Domain.Territoire.Siren.Create("248300543");

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static RegistreGrilles Registre(string dossier)
    {
        var fichiers = Directory.GetFiles(dossier, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(f => new FichierGrille(Path.GetFileName(f), File.ReadAllText(f)));
        Assert.True(RegistreGrilles.TryCharger(fichiers, out var r, out var e), string.Join("\n", e));
        return r!;
    }

    /// <summary>Starts the app (which seeds the demands) before the test reads the database.</summary>
    private LogisDbContext Base(string f)
    {
        using var _ = fx.App(f).Client();
        return fx.Base(f);
    }

    private static async Task<Demande> UneDemandeActiveAsync(LogisDbContext db) =>
        await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => d.Statut == StatutDemande.Active)
            .OrderBy(d => d.Numero).Skip(7).FirstAsync();

    [Theory, DeuxBases]
    public async Task L_API_rend_l_explication_du_domaine_pour_une_demande_semee(string f)
    {
        await using var db = Base(f);
        var demande = await UneDemandeActiveAsync(db);
        var coteur = new CoteurDemandes(Registre(GrillesCotation.TrouverDossier()), Horloges.Fixe());
        var jeu = Registre(GrillesCotation.TrouverDossier()).JeuEnVigueur(Tpm, coteur.Aujourdhui);
        Assert.NotNull(jeu);
        var faits = FaitsDepuisDemande.Construire(demande, coteur.Aujourdhui);
        var attendu = jeu.Expliquer(in faits);

        var r = await fx.App(f).ClientApi("epci").GetAsync($"/api/v1/demandes/{demande.Numero.Valeur}/cotation");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var c = (await r.Content.ReadFromJsonAsync<CotationDemandeDto>(Web))!;
        Assert.Equal(attendu.Total, c.Total);
        Assert.Equal(attendu.GrilleId, c.GrilleId);
        Assert.Equal(attendu.Version, c.Version);
        Assert.Equal(attendu.Lignes.Select(l => (l.Id, l.Libelle, l.Points, l.Explication)), c.Lignes.Select(l => (l.Critere, l.Libelle, l.Points, l.Explication)));
        Assert.Equal(attendu.Lignes.Sum(l => l.Faits.Count), c.Lignes.Sum(l => l.Faits.Count));
        Assert.Equal(c.Total, c.Lignes.Sum(l => l.Points));

        // Positioning: the numbers the API gives are those of the stored scores of the analogous demands.
        var p = c.Positionnement;
        Assert.Equal(demande.Contenu.Souhaits.Typologies[0].ToString(), p.Typologie);
        var typo = $"|{p.Typologie}|";
        var commune = $"|{p.Commune}|";
        var epci = Tpm;
        var analogues = await db.Demandes.AsNoTracking()
            .Where(d => EF.Property<Domain.Territoire.Siren>(d, ColonnesDemande.Epci) == epci && d.Statut == StatutDemande.Active && d.Id != demande.Id)
            .Where(d => EF.Property<string>(d, ColonnesDemande.Typologies).Contains(typo))
            .Where(d => p.Commune == null || EF.Property<bool>(d, ColonnesDemande.ToutEpci) || EF.Property<string>(d, ColonnesDemande.Communes).Contains(commune))
            // Scored demands only: a legal entity's demand (not scored, docs/personne-morale.md) has no total.
            .Join(db.CotationsDemandes.Where(s => s.Total != null), d => d.Id, s => s.DemandeId, (d, s) => s.Total).ToListAsync();
        Assert.Equal(analogues.Count, p.DemandesAnalogues);
        Assert.Equal(analogues.Count(s => s > c.Total) + 1, p.Rang);
        Assert.Equal(analogues.Count, p.Distribution.Sum(k => k.Demandes));
        Assert.Single(p.Distribution, k => k.ContientLaDemande);
        // Observed waiting time: the leases of the twelve months for the first typology and commune, under the statistical secret.
        Assert.Equal("menages_loges", c.Attente.Source);
        Assert.Equal(c.Date, c.Attente.Au);
        var t0 = demande.Contenu.Souhaits.Typologies[0];
        var c0 = demande.Contenu.Souhaits.Communes.Count > 0 ? demande.Contenu.Souhaits.Communes[0] : (Domain.Territoire.CodeInsee?)null;
        var baux = (await db.Attributions.AsNoTracking().Where(a => a.EpciSiren == epci && a.Typologie == t0).ToListAsync())
            .Where(a => a.DateSignature >= c.Attente.Du && a.DateSignature <= c.Date && (c0 == null || a.CommuneInsee == c0)).ToList();
        Assert.Equal(baux.Count is > 0 and < 5 ? null : baux.Count, c.Attente.Demandes);
        Assert.Equal(baux.Count >= 5, c.Attente.MedianeMois is not null);
        Assert.NotNull(c.Stockee);
    }

    [Theory, DeuxBases]
    public async Task Cotation_401_anonyme_404_inconnue_et_hors_perimetre(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var inconnu = NumeroUnique.Creer("083", new DateOnly(2026, 1, 1), 999_998, "G0001").Valeur.Valeur;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/demandes/{inconnu}/cotation")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/demandes/abc/cotation")).StatusCode);

        await using var db = Base(f);
        var bailleurA = await db.ClientsApi.AsNoTracking().Where(c => c.BailleurId != null).Select(c => c.BailleurId).FirstAsync();
        var communesA = await db.Logements.AsNoTracking().Where(l => l.BailleurId == bailleurA).Select(l => l.CommuneInsee.Value).Distinct().ToListAsync();
        var horsStock = (await db.Communes.AsNoTracking().Where(c => c.EpciSiren == Domain.Territoire.Siren.Create("248300543")).Select(c => c.CodeInsee.Value).ToListAsync())
            .FirstOrDefault(c => !communesA.Contains(c));
        var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Coteperimetre", horsStock ?? "83137"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/demandes/{numero}/cotation")).StatusCode);
        if (horsStock is not null)
            Assert.Equal(HttpStatusCode.NotFound, (await fx.App(f).ClientApi("bailleur").GetAsync($"/api/v1/demandes/{numero}/cotation")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.App(f).Client().GetAsync($"/api/v1/demandes/{numero}/cotation")).StatusCode);
    }

    [Fact]
    public async Task Les_lignes_sensibles_sont_masquees_aux_roles_sans_habilitation()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        await using var db = fx.Base(BasesDeTest.Sqlite);
        // Seeded demands with a priority situation: the lines they trigger name it (violence, disability, DALO…).
        var candidates = (await db.Demandes.AsNoTracking().Where(d => d.Statut == StatutDemande.Active && d.SituationsPrioritaires.Any())
            .Select(d => d.Numero).Take(40).ToListAsync()).Select(n => n.Valeur);
        var epci = app.ClientApi("epci");
        CotationDemandeDto? complete = null;
        string? numero = null;
        foreach (var n in candidates)
        {
            var c = (await epci.GetFromJsonAsync<CotationDemandeDto>($"/api/v1/demandes/{n}/cotation", Web))!;
            if (c.Lignes.Any(l => l.Faits.Any(x => CatalogueFaits.EstSensible(x.Nom)))) (complete, numero) = (c, n);
            if (complete is not null) break;
        }
        Assert.NotNull(complete);

        foreach (var compte in new[] { "reservataire", "commune", "admin" })
        {
            var client = await app.ConnecterAsync(compte);
            var masquee = (await client.GetFromJsonAsync<CotationDemandeDto>($"/api/v1/demandes/{numero}/cotation", Web))!;
            Assert.Equal(complete.Total, masquee.Total);
            Assert.Equal(complete.Lignes.Select(l => l.Points), masquee.Lignes.Select(l => l.Points));
            Assert.DoesNotContain(masquee.Lignes, l => l.Faits.Any(x => CatalogueFaits.EstSensible(x.Nom)));
            Assert.Contains(masquee.Lignes, l => l.Libelle == "Critère à accès restreint");
            foreach (var sensible in complete.Lignes.Where(l => l.Faits.Any(x => CatalogueFaits.EstSensible(x.Nom))))
                Assert.DoesNotContain(masquee.Lignes, l => l.Libelle == sensible.Libelle);
        }
        // A bailleur agent instructs the demand: it sees every line as the EPCI does.
        var bailleur = await app.ConnecterAsync("bailleur");
        var r = await bailleur.GetAsync($"/api/v1/demandes/{numero}/cotation");
        if (r.StatusCode == HttpStatusCode.OK)
            Assert.Equal(complete.Lignes.Select(l => l.Libelle), (await r.Content.ReadFromJsonAsync<CotationDemandeDto>(Web))!.Lignes.Select(l => l.Libelle));
    }

    [Theory, DeuxBases]
    public async Task L_enregistrement_et_la_mise_a_jour_tiennent_la_cotation_enregistree(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Cotestocke"));
        var api = (await client.GetFromJsonAsync<CotationDemandeDto>($"/api/v1/demandes/{numero}/cotation", Web))!;
        Assert.Equal(api.Total, api.Stockee!.Total);
        Assert.Equal(api.GrilleId, api.Stockee.GrilleId);

        // An update that changes the facts (handicap removed, rent lowered) changes the stored score in the same save.
        var r = await client.PutAsJsonAsync($"/api/v1/demandes/{numero}", DemandesApiTests.Saisie("Cotestocke", handicap: false));
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        var apres = (await client.GetFromJsonAsync<CotationDemandeDto>($"/api/v1/demandes/{numero}/cotation", Web))!;
        Assert.Equal(apres.Total, apres.Stockee!.Total);
    }

    [Theory, DeuxBases]
    public async Task Recalculer_avec_une_autre_grille_change_les_cotations_enregistrees(string f)
    {
        var source = GrillesCotation.TrouverDossier();
        var dossier = Directory.CreateTempSubdirectory("logis-grilles-").FullName;
        foreach (var fichier in Directory.GetFiles(source)) File.Copy(fichier, Path.Combine(dossier, Path.GetFileName(fichier)));
        // The draft: the same primo grid with a criterion that always gives 7 points.
        var chemin = Path.Combine(dossier, "tpm-demo-2026.json");
        var grille = JsonNode.Parse(await File.ReadAllTextAsync(chemin))!.AsObject();
        grille["criteres"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "bonus_essai", ["libelle"] = "Bonus d'essai", ["points"] = 7, ["explication"] = "Bonus d'essai : {points} points.",
        });
        await File.WriteAllTextAsync(chemin, grille.ToJsonString());
        var brouillon = Registre(dossier);
        var horloge = Horloges.Fixe();
        var date = new CoteurDemandes(brouillon, horloge).Aujourdhui;

        try
        {
            await using (var db = Base(f))
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
                Assert.Equal(0, await CommandesRecalcul.RecalculerAsync(db, "248300543", dossier, horloge, console, TextWriter.Null, CancellationToken.None));
            }
            await using (var db = Base(f))
            {
                var stockees = await db.CotationsDemandes.AsNoTracking().ToDictionaryAsync(c => c.DemandeId);
                var actives = await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => d.Statut == StatutDemande.Active).ToListAsync();
                Assert.NotEmpty(actives);
                var changees = 0;
                foreach (var d in actives)
                {
                    if (d.Contenu.EstPersonneMorale)
                    {
                        Assert.Null(stockees[d.Id].Total);
                        continue;
                    }
                    var faits = FaitsDepuisDemande.Construire(d, date);
                    var attendu = brouillon.JeuEnVigueur(Tpm, date)!.Calculer(in faits);
                    Assert.Equal(attendu, stockees[d.Id].Total);
                    if (!faits.Mutation && stockees[d.Id].Total > 0) changees++;
                }
                Assert.True(changees > 0);
            }
        }
        finally
        {
            // Back to the grids in force for the other tests of the collection.
            await using var db = Base(f);
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
            await CommandesRecalcul.RecalculerAsync(db, null, source, horloge, console, TextWriter.Null, CancellationToken.None);
            Directory.Delete(dossier, recursive: true);
        }
    }

    [Theory, DeuxBases]
    public async Task La_page_montre_chaque_ligne_le_total_la_position_et_la_mention(string f)
    {
        await using var db = Base(f);
        var demande = await UneDemandeActiveAsync(db);
        var api = (await fx.App(f).ClientApi("epci").GetFromJsonAsync<CotationDemandeDto>($"/api/v1/demandes/{demande.Numero.Valeur}/cotation", Web))!;
        var client = await fx.App(f).ConnecterAsync("epci");
        var r = await client.GetAsync($"/demandes/{demande.Numero.Valeur}/cotation");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var doc = await LogisFactory.DocumentAsync(r);
        var lignes = doc.QuerySelectorAll("#lignes tbody tr");
        Assert.Equal(api.Lignes.Count, lignes.Length);
        Assert.Equal(api.Lignes.Select(l => l.Critere), lignes.Select(l => l.GetAttribute("data-critere")));
        Assert.Equal(api.Lignes.Select(l => l.Libelle), lignes.Select(l => l.QuerySelector("th")!.TextContent.Trim()));
        Assert.Contains($"{api.Total} points", doc.QuerySelector("#total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(api.Positionnement.Distribution.Count, doc.QuerySelectorAll("#distribution tbody tr").Length);
        Assert.NotNull(doc.QuerySelector("figure.graphique svg"));
        var mention = doc.QuerySelector("#mention-legale")!.NextElementSibling!.TextContent;
        Assert.Contains("L311-3-1", mention, StringComparison.Ordinal);
        Assert.Contains("souveraine", mention, StringComparison.Ordinal);
        // The demand page links to it.
        var fiche = await LogisFactory.DocumentAsync(await client.GetAsync($"/demandes/{demande.Numero.Valeur}"));
        Assert.NotNull(fiche.QuerySelector($"a[href='/demandes/{demande.Numero.Valeur}/cotation']"));
    }

    [Theory, DeuxBases]
    public async Task Le_recalcul_en_arriere_plan_se_termine_et_seul_l_agent_epci_le_lance(string f)
    {
        var bailleur = await fx.App(f).ConnecterAsync("bailleur");
        var jetonB = await LogisFactory.JetonAsync(bailleur, "/cotation/recalcul");
        var refus = await bailleur.PostAsync("/cotation/recalcul", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jetonB }));
        Assert.True(refus.StatusCode == HttpStatusCode.Forbidden
            || refus.Headers.Location?.OriginalString.Contains("acces-refuse", StringComparison.Ordinal) == true, $"{refus.StatusCode} {refus.Headers.Location}");

        var client = await fx.App(f).ConnecterAsync("epci");
        var jeton = await LogisFactory.JetonAsync(client, "/cotation/recalcul");
        var r = await client.PostAsync("/cotation/recalcul", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var statut = r.Headers.Location!.OriginalString;
        Assert.StartsWith("/cotation/recalcul?id=", statut, StringComparison.Ordinal);
        string? etat = null;
        for (var i = 0; i < 600 && etat is not ("Termine" or "Echec"); i++)
        {
            if (i > 0) await Task.Delay(100);
            var doc = await LogisFactory.DocumentAsync(await client.GetAsync(statut));
            etat = doc.QuerySelector("#etat-recalcul")!.GetAttribute("data-etat");
            if (etat is "EnAttente" or "EnCours") Assert.NotNull(doc.QuerySelector("meta[http-equiv='refresh']"));
        }
        Assert.Equal("Termine", etat);
        await using var db = Base(f);
        // A legal entity's demand (CCH L442-8-1, registered by PersonneMoraleTests) is never scored.
        var actives = (await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => d.Statut == StatutDemande.Active).ToListAsync()).Count(d => !d.Contenu.EstPersonneMorale);
        var fin = await LogisFactory.DocumentAsync(await client.GetAsync(statut));
        Assert.Equal(actives.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")), fin.QuerySelector("#demandes-cotees")!.TextContent.Trim());
        Assert.Null(fin.QuerySelector("meta[http-equiv='refresh']"));
    }
}
