using System.Text;
using Logis.Domain.Demandes;
using Logis.Domain.Demandes.Synthese;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Demandes.Fichier;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Tests;

/// <summary>
/// A deterministic demand file: demands from <see cref="GenerateurDemandes"/> written in the file format, a few
/// with a valid NIR, and one line in a hundred broken in a varied, known way (the column expected in the report).
/// </summary>
public static class FichierDeTest
{
    public const string NirValide = "185057800608491";

    /// <param name="casseSeule">When given, the only broken line: the demand of that index gets a negative rent (its number stays valid).</param>
    public static (string Csv, Dictionary<int, string> Casses) Generer(IReadOnlyList<Commune> communes, int nombre, int graine, bool casser, int? casseSeule = null)
    {
        var generation = communes.Select(c => new CommuneDeGeneration(c.CodeInsee, c.Nom, $"{c.Departement}000", c.Population, 0.2)).ToList();
        var demandes = GenerateurDemandes.Generer(new ParametresGeneration(graine, nombre, "083", Horloges.Aujourdhui.AddDays(-1),
            generation, FenetreRenouvellement.Creer(3).Valeur, ProfilDemandes.Defaut)).Valeur;
        var entete = FormatFichierDemandes.EnteteExport().ToList();
        entete.Add(FormatFichierDemandes.Colonne(1, FormatFichierDemandes.Nir));
        var sb = new StringBuilder();
        using var w = new StringWriter(sb);
        FormatFichierDemandes.EcrireLigne(w, entete);
        var casses = new Dictionary<int, string>();
        string? numeroPrecedent = null;
        for (var i = 0; i < demandes.Count; i++)
        {
            var d = demandes[i];
            var champs = FormatFichierDemandes.Champs(d.Numero, d.DateDepot, d.Canal, d.Contenu).ToList();
            champs.Add(i % 50 == 7 ? NirValide : "");
            var ligne = i + 2;
            void Casser(string colonne, string valeur)
            {
                champs[entete.IndexOf(colonne)] = valeur;
                casses[ligne] = colonne;
            }
            if (i == casseSeule) Casser(FormatFichierDemandes.LogementLoyer, "-35");
            if (casser && i % 100 == 42)
            {
                switch (i / 100 % 8)
                {
                    case 0: Casser("p1_date_naissance", "1985-13-45"); break;
                    case 1: Casser(FormatFichierDemandes.CommunesSouhaitees, "13055"); champs[entete.IndexOf(FormatFichierDemandes.ToutEpci)] = "non"; break;
                    case 2: Casser("p1_ressources", "Salaire=-120"); break;
                    case 3: Casser("p1_lien", "Enfant"); break;
                    case 4: Casser("p1_nir", "185057800608490"); break;
                    case 5: Casser(FormatFichierDemandes.Numero, "83260000000X"); break;
                    case 6: Casser(FormatFichierDemandes.Numero, numeroPrecedent!); break;
                    default: Casser(FormatFichierDemandes.LogementLoyer, "-35"); break;
                }
            }
            numeroPrecedent = d.Numero.Valeur;
            FormatFichierDemandes.EcrireLigne(w, champs);
        }
        return (sb.ToString(), casses);
    }
}

[Collection(CollectionTerritoire.Nom)]
public class FichierDemandesTests(TerritoireSemeFixture fixture)
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);
    private static readonly Acteur Importateur = new(new AuteurId(Guid.Parse("00000000-0000-0000-0000-00000000f11e")), "Métropole TPM");

    /// <summary>100 000 lines on PostgreSQL; 10 000 on SQLite, whose EF path is slower.</summary>
    private static int Volume(string f) => f == BasesDeTest.Postgres ? 100_000 : 10_000;

    /// <summary>A fresh database holding only the EPCI and its communes, copied from the seeded territory.</summary>
    private Task<(OptionsBase Options, List<Commune> Communes)> BaseViergeAsync(string f) => BaseViergeAsync(fixture, f);

    /// <summary>A fresh database holding only the EPCI, its communes and its registering service, copied from the seeded territory.</summary>
    internal static async Task<(OptionsBase Options, List<Commune> Communes)> BaseViergeAsync(TerritoireSemeFixture fixture, string f)
    {
        List<Commune> communes;
        Epci epci;
        await using (var source = fixture.Ouvrir(f))
        {
            communes = await source.Communes.AsNoTracking().Where(c => c.EpciSiren == Tpm).OrderBy(c => c.CodeInsee).ToListAsync();
            epci = await source.Epcis.AsNoTracking().SingleAsync(e => e.Siren == Tpm);
        }
        var options = await BasesDeTest.CreerAsync(f, "import");
        await using var db = BasesDeTest.Ouvrir(options);
        db.Epcis.Add(epci);
        db.Communes.AddRange(communes);
        // The EPCI's registering service numbers the lines without a number (docs/sne.md §1).
        db.Guichets.Add(Domain.Demandes.GuichetEnregistreur.Creer(Tpm, "G0001", "Service habitat", "", "", Domain.Demandes.OrganisationGuichet.Epci, Tpm.Value).Valeur);
        await db.SaveChangesAsync();
        return (options, communes);
    }

    internal static async Task<(int Demandes, int Evenements, int Sequences, int Audit)> ComptesAsync(OptionsBase o)
    {
        await using var db = BasesDeTest.Ouvrir(o);
        return (await db.Demandes.CountAsync(), await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM demande_evenement").SingleAsync(),
            await db.SequencesNumero.CountAsync(), await db.Audit.CountAsync());
    }

    private static async Task<ResultatImport> ImporterAsync(OptionsBase o, string csv, bool essai, Func<int, CancellationToken, Task>? crochet = null, CancellationToken ct = default)
    {
        await using var db = BasesDeTest.Ouvrir(o);
        return await new ImportDemandes(db, Horloges.Fixe()) { ApresLot = crochet }
            .ImporterAsync(new StringReader(csv), Tpm, Importateur, "test", essai, null, ct);
    }

    [Theory, DeuxBases]
    public async Task L_essai_liste_chaque_ligne_cassee_et_n_ecrit_rien_puis_l_import_refuse_tout(string f)
    {
        var (options, communes) = await BaseViergeAsync(f);
        var (csv, casses) = FichierDeTest.Generer(communes, Volume(f), 11, casser: true);
        Assert.Equal(Volume(f) / 100, casses.Count);

        var essai = await ImporterAsync(options, csv, essai: true);
        Assert.False(essai.EstValide);
        Assert.Equal(Volume(f), essai.Rapport.Lignes);
        Assert.Equal(casses.Keys.Order(), essai.Rapport.Erreurs.Select(e => e.Ligne).Distinct().Order());
        foreach (var (ligne, colonne) in casses)
            Assert.Contains(essai.Rapport.Erreurs, e => e.Ligne == ligne && e.Colonne == colonne && e.Motif.Length > 10);
        Assert.Contains(essai.Rapport.Erreurs, e => e.Motif.Contains("n'appartient pas à l'intercommunalité", StringComparison.Ordinal));
        Assert.Contains(essai.Rapport.Erreurs, e => e.Motif.Contains("figure déjà ligne", StringComparison.Ordinal));
        Assert.Contains(essai.Rapport.Erreurs, e => e.Motif.Contains("négatif", StringComparison.Ordinal));
        Assert.Contains(essai.Rapport.Erreurs, e => e.Motif.Contains("demandeur", StringComparison.Ordinal));
        Assert.Contains(essai.Rapport.Erreurs, e => e.Motif.Contains("date valide", StringComparison.Ordinal));
        Assert.DoesNotContain(essai.Rapport.Erreurs, e => e.Motif.Contains("185057800608490", StringComparison.Ordinal));
        Assert.Equal(Volume(f) - casses.Count, essai.Rapport.Valides.Count);
        Assert.Equal((0, 0, 0, 0), await ComptesAsync(options));

        var refus = await ImporterAsync(options, csv, essai: false);
        Assert.False(refus.EstValide);
        Assert.Equal(0, refus.Importees);
        Assert.Equal((0, 0, 0, 0), await ComptesAsync(options));
    }

    [Theory, DeuxBases]
    public async Task Un_import_interrompu_laisse_la_base_comme_avant(string f)
    {
        var (options, communes) = await BaseViergeAsync(f);
        var (csv, _) = FichierDeTest.Generer(communes, Volume(f), 12, casser: false);

        // Failure injected after the first batch.
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ImporterAsync(options, csv, essai: false, (lot, _) => lot == 1 ? throw new InvalidOperationException("panne simulée") : Task.CompletedTask));
        Assert.Equal((0, 0, 0, 0), await ComptesAsync(options));

        // "Killed" midway: the token is cancelled after the first batch.
        using var annulation = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ImporterAsync(options, csv, essai: false, (lot, _) => { if (lot == 1) annulation.Cancel(); return Task.CompletedTask; }, annulation.Token));
        Assert.Equal((0, 0, 0, 0), await ComptesAsync(options));
    }

    [Theory, DeuxBases]
    public async Task Une_ligne_cassee_en_fin_de_fichier_annule_les_lots_deja_ecrits_et_le_rapport_est_celui_de_l_essai(string f)
    {
        var (options, communes) = await BaseViergeAsync(f);
        var (csv, casses) = FichierDeTest.Generer(communes, Volume(f), 14, casser: false, casseSeule: Volume(f) - 1);
        Assert.Equal([Volume(f) + 1], casses.Keys);

        var essai = await ImporterAsync(options, csv, essai: true);
        // The direct import writes while it analyses: batches are copied before the broken last line is reached, then rolled back.
        var lots = 0;
        var import = await ImporterAsync(options, csv, essai: false, (lot, _) => { lots = lot; return Task.CompletedTask; });
        Assert.True(lots >= 1);
        Assert.False(import.EstValide);
        Assert.Equal(0, import.Importees);
        Assert.Equal((0, 0, 0, 0), await ComptesAsync(options));
        await using (var vide = BasesDeTest.Ouvrir(options))
            Assert.Equal(0, await vide.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM cotation_demande").SingleAsync());
        Assert.Equal(essai.Rapport.Erreurs, import.Rapport.Erreurs);
        Assert.Equal(Volume(f) + 1, Assert.Single(import.Rapport.Erreurs).Ligne);
        Assert.Equal((essai.Rapport.Lignes, essai.Rapport.NombreValides), (import.Rapport.Lignes, import.Rapport.NombreValides));

        // The same file, repaired, is then written whole: the attempt rolled back left no row nor number behind.
        var (propre, _) = FichierDeTest.Generer(communes, Volume(f), 14, casser: false);
        var reussi = await ImporterAsync(options, propre, essai: false);
        Assert.Equal(Volume(f), reussi.Importees);
        await using var db = BasesDeTest.Ouvrir(options);
        Assert.Equal(Volume(f), await db.Demandes.CountAsync());
    }

    [Theory, DeuxBases]
    public async Task Un_fichier_propre_s_importe_en_entier_et_l_export_le_redonne_sans_NIR(string f)
    {
        var (options, communes) = await BaseViergeAsync(f);
        var (csv, _) = FichierDeTest.Generer(communes, Volume(f), 13, casser: false);

        var import = await ImporterAsync(options, csv, essai: false);
        Assert.True(import.EstValide, string.Join("\n", import.Rapport.Erreurs.Take(5)));
        Assert.Equal(Volume(f), import.Importees);
        var (demandes, evenements, sequences, audit) = await ComptesAsync(options);
        Assert.Equal((Volume(f), Volume(f), 1), (demandes, evenements, audit));
        Assert.True(sequences >= 1);

        string export;
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var d = await db.Demandes.AsNoTracking().OrderBy(x => x.Numero).FirstAsync();
            Assert.Equal(TypeEvenementDemande.Enregistrement, Assert.Single(d.Evenements).Type);
            Assert.Equal("test", (await db.Audit.SingleAsync()).Auteur);
            Assert.Equal(ActionsAudit.Import, (await db.Audit.SingleAsync()).Action);
            // The search columns are filled as by EF (name search).
            var nom = ColonnesDemande.Normaliser(d.Contenu.Demandeur.Nom);
            Assert.True(await db.Demandes.AnyAsync(x => EF.Property<string>(x, ColonnesDemande.NomDemandeur) == nom));
            // The commune of the current housing of each demand (the communal-preference indicator) is the one of its content.
            var actuelles = await db.Demandes.AsNoTracking().OrderBy(x => x.Numero).Take(2_000)
                .Select(x => new { x.Contenu, C = EF.Property<string?>(x, ColonnesDemande.CommuneActuelle) }).ToListAsync();
            Assert.All(actuelles, x => Assert.Equal(x.Contenu.LogementActuel!.Commune?.Value, x.C));
            Assert.Contains(actuelles, x => x.C is not null);
            // And each demand has its row of cotation_demande with its scoring elements (written by COPY on PostgreSQL).
            await RecalculCotationTests.VerifierElementsAsync(db, Volume(f));
            // And its rows of the pre-selection index (COPY on PostgreSQL, LogisDbContext on SQLite).
            await IndexPreselectionAttendu.VerifierAsync(db, "import");
            using var w = new StringWriter();
            Assert.Equal(Volume(f), await ExportDemandes.EcrireAsync(db.Demandes, w, CancellationToken.None));
            export = w.ToString();
        }
        Assert.DoesNotContain(FichierDeTest.NirValide, export, StringComparison.Ordinal);
        Assert.DoesNotContain("_nir", export.AsSpan(0, export.IndexOf('\n', StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);

        // Round trip: the export imported into an empty database exports the same file.
        var (vierge, _) = await BaseViergeAsync(f);
        var reimport = await ImporterAsync(vierge, export, essai: false);
        Assert.True(reimport.EstValide, string.Join("\n", reimport.Rapport.Erreurs.Take(5)));
        await using (var db = BasesDeTest.Ouvrir(vierge))
        {
            using var w = new StringWriter();
            await ExportDemandes.EcrireAsync(db.Demandes, w, CancellationToken.None);
            Assert.Equal(export, w.ToString());
        }

        // The same numbers again are refused line by line: they already exist.
        var doublon = await ImporterAsync(vierge, export, essai: true);
        Assert.Equal(Volume(f), doublon.Rapport.LignesEnErreur);
        Assert.All(doublon.Rapport.Erreurs, e => Assert.Contains("existe déjà", e.Motif, StringComparison.Ordinal));
    }

    /// <summary>
    /// CSV injection: a value that a spreadsheet would run as a formula (=, +, -, @) leaves the export after an apostrophe
    /// (the one cell writer, <see cref="Logis.Domain.Commun.CelluleCsv"/>), and the export imported again gives back the values as they were.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Une_formule_sort_neutralisee_de_l_export_et_revient_telle_quelle_a_l_import(string f)
    {
        var (options, _) = await BaseViergeAsync(f);
        const string entete = "p1_nom,p1_prenoms,p1_date_naissance,p1_ressources,adresse_ligne1,adresse_ligne2,code_postal,commune_adresse,telephone," +
                              "situation_familiale,logement_statut,motifs,typologies,communes_souhaitees\r\n";
        var csv = entete
            + "\"=HYPERLINK(\"\"http://exemple.invalid\"\",\"\"x\"\")\",@SUM(A1),1985-05-12,Salaire=1450,-1+2 rue A,''=déjà marquée,83000,Toulon,+33612345678,"
            + "Celibataire,LocataireParcPrive,LogementTropCher,T2,83137\r\n";
        var import = await ImporterAsync(options, csv, essai: false);
        Assert.True(import.EstValide, string.Join("\n", import.Rapport.Erreurs.Take(5)));
        string export;
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var d = await db.Demandes.AsNoTracking().SingleAsync();
            Assert.Equal("=HYPERLINK(\"http://exemple.invalid\",\"x\")", d.Contenu.Demandeur.Nom);
            using var w = new StringWriter();
            await ExportDemandes.EcrireAsync(db.Demandes, w, CancellationToken.None);
            export = w.ToString();
        }
        var cellules = export.Split("\r\n")[1];
        Assert.Contains("'-1+2 rue A", cellules, StringComparison.Ordinal);
        Assert.Contains("''=déjà marquée", cellules, StringComparison.Ordinal);
        Assert.Contains("'+33612345678", cellules, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(", cellules, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(A1),", cellules, StringComparison.Ordinal);
        // No cell of the export starts with a formula character.
        Assert.DoesNotMatch("(^|,)\"?[=+\\-@]", cellules);

        var (vierge, _) = await BaseViergeAsync(f);
        Assert.True((await ImporterAsync(vierge, export, essai: false)).EstValide);
        await using (var db = BasesDeTest.Ouvrir(vierge))
        {
            var d = await db.Demandes.AsNoTracking().SingleAsync();
            Assert.Equal("=HYPERLINK(\"http://exemple.invalid\",\"x\")", d.Contenu.Demandeur.Nom);
            Assert.Equal("@SUM(A1)", d.Contenu.Demandeur.Prenoms);
            Assert.Equal("-1+2 rue A", d.Contenu.Contact.Adresse.Ligne1);
            Assert.Equal("'=déjà marquée", d.Contenu.Contact.Adresse.Ligne2);
            Assert.Equal("+33612345678", d.Contenu.Contact.Telephone);
            using var w = new StringWriter();
            await ExportDemandes.EcrireAsync(db.Demandes, w, CancellationToken.None);
            Assert.Equal(export, w.ToString());
        }
    }

    /// <summary>
    /// The command imports a file read from the disk (twice, by a buffer, never whole in memory): read by a tiny buffer, so that
    /// lines and quoted fields straddle many reads, it gives the report of the same text in memory, then imports it all.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Un_fichier_lu_depuis_le_disque_par_petits_tampons_donne_le_meme_rapport_et_s_importe(string f)
    {
        var (options, communes) = await BaseViergeAsync(f);
        var chemin = Path.Combine(Path.GetTempPath(), $"logis-import-{Guid.NewGuid():N}.csv");
        try
        {
            var (casse, _) = FichierDeTest.Generer(communes, 1_500, 17, casser: true);
            await File.WriteAllTextAsync(chemin, casse, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            async Task<ResultatImport> DepuisLeDisqueAsync(bool essai)
            {
                await using var db = BasesDeTest.Ouvrir(options);
                return await new ImportDemandes(db, Horloges.Fixe())
                    .ImporterAsync(() => new StreamReader(chemin, Encoding.UTF8, true, 64), Tpm, Importateur, "test", essai);
            }
            var enMemoire = await ImporterAsync(options, casse, essai: true);
            foreach (var essai in new[] { true, false })
            {
                var disque = await DepuisLeDisqueAsync(essai);
                Assert.Equal(0, disque.Importees);
                Assert.Equal(enMemoire.Rapport.Erreurs.Select(e => e.ToString()), disque.Rapport.Erreurs.Select(e => e.ToString()));
                Assert.Equal((enMemoire.Rapport.Lignes, enMemoire.Rapport.NombreValides), (disque.Rapport.Lignes, disque.Rapport.NombreValides));
            }

            var (propre, _) = FichierDeTest.Generer(communes, 1_500, 19, casser: false);
            await File.WriteAllTextAsync(chemin, propre);
            var import = await DepuisLeDisqueAsync(essai: false);
            Assert.True(import.EstValide, string.Join("\n", import.Rapport.Erreurs.Take(5)));
            Assert.Equal(1_500, import.Importees);
            var (demandes, evenements, _, audit) = await ComptesAsync(options);
            Assert.Equal((1_500, 1_500, 1), (demandes, evenements, audit));
        }
        finally
        {
            File.Delete(chemin);
        }
    }

    /// <summary>
    /// ADR 0008: the import's COPYs run with session_replication_role = replica, which silences every ordinary trigger of the
    /// three tables. None exists today; one added later must be ENABLE ALWAYS if it has to see imported rows — this test fails
    /// first, so that the ADR is read again.
    /// </summary>
    [Fact]
    public async Task Sur_PostgreSQL_aucun_declencheur_ordinaire_sur_les_tables_copiees_par_l_import()
    {
        var (options, _) = await BaseViergeAsync(BasesDeTest.Postgres);
        await using var db = BasesDeTest.Ouvrir(options);
        var declencheurs = await db.Database.SqlQueryRaw<string>("""
            SELECT c.relname || '.' || t.tgname AS "Value" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND t.tgenabled <> 'A' AND c.relname IN ('demande', 'demande_evenement', 'cotation_demande', 'preselection_demande')
            """).ToListAsync();
        Assert.Empty(declencheurs);
        // The check sees what it looks for: the foreign keys' own triggers are there (internal, silenced by replica too).
        Assert.True(await db.Database.SqlQueryRaw<int>("""
            SELECT COUNT(*)::int AS "Value" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE t.tgisinternal AND c.relname IN ('demande_evenement', 'cotation_demande', 'preselection_demande')
            """).SingleAsync() >= 3);
    }

    /// <summary>
    /// The binary COPY of PostgreSQL, whose rows are written byte by byte by the import, stores exactly what EF Core stores for the
    /// same file at the same instant: every column of the demands, of their events and of their cotation_demande rows (JSON content
    /// and scoring elements included), the random identifiers aside. Likewise under a database role that may not skip the
    /// foreign-key checks (they then run: ADR 0008).
    /// </summary>
    [Fact]
    public async Task Sur_PostgreSQL_le_COPY_ecrit_les_memes_lignes_qu_EF_Core()
    {
        var horloge = Horloges.Fixe(new DateTimeOffset(2026, 11, 27, 14, 3, 7, TimeSpan.FromHours(1)).AddTicks(1_234_567));
        const int nombre = 3 * ImportDemandes.TailleLot + 17;
        async Task<List<string>> LignesAsync(bool sansCopy, bool roleOrdinaire = false)
        {
            var (options, communes) = await BaseViergeAsync(BasesDeTest.Postgres);
            if (roleOrdinaire)
            {
                // A role that owns nothing and may only read and write the tables: has_parameter_privilege is false for it.
                var role = $"logis_import_{Guid.NewGuid():N}";
                await using (var admin = BasesDeTest.Ouvrir(options))
                {
                    var sql = $"CREATE ROLE {role} NOLOGIN; GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}";
                    await admin.Database.ExecuteSqlRawAsync(sql);
                }
                options = new OptionsBase
                {
                    Fournisseur = options.Fournisseur,
                    ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString) { Options = $"-c role={role}" }.ConnectionString,
                };
            }
            var (csv, _) = FichierDeTest.Generer(communes, nombre, 23, casser: false);
            await using var db = BasesDeTest.Ouvrir(options);
            var r = await new ImportDemandes(db, horloge) { SansCopy = sansCopy }.ImporterAsync(new StringReader(csv), Tpm, Importateur, "test", essai: false);
            Assert.Equal(nombre, r.Importees);
            Assert.Equal(roleOrdinaire ? "off" : "on", await db.Database.SqlQueryRaw<string>("SELECT current_setting('is_superuser') AS \"Value\"").SingleAsync());
            return await db.Database.SqlQueryRaw<string>("""
                SELECT (to_jsonb(d) - 'Id')::text AS "Value" FROM demande d
                UNION ALL SELECT d."Numero" || ' ' || (to_jsonb(e) - 'DemandeId')::text FROM demande_evenement e JOIN demande d ON d."Id" = e."DemandeId"
                UNION ALL SELECT d."Numero" || ' ' || (to_jsonb(c) - 'DemandeId')::text FROM cotation_demande c JOIN demande d ON d."Id" = c."DemandeId"
                UNION ALL SELECT 'P ' || d."Numero" || ' ' || (to_jsonb(p) - 'DemandeId')::text FROM preselection_demande p JOIN demande d ON d."Id" = p."DemandeId"
                ORDER BY 1
                """).ToListAsync();
        }

        var parEfCore = await LignesAsync(sansCopy: true);
        var parCopy = await LignesAsync(sansCopy: false);
        Assert.Equal(3 * nombre, parCopy.Count(l => !l.StartsWith("P ", StringComparison.Ordinal)));
        // Each demand has at least one row of the pre-selection index (the file's demands wish a commune or the whole EPCI, a typology).
        Assert.True(parCopy.Count(l => l.StartsWith("P ", StringComparison.Ordinal)) >= nombre);
        Assert.Equal(parEfCore, parCopy);
        Assert.Equal(parEfCore, await LignesAsync(sansCopy: false, roleOrdinaire: true));
    }
}
