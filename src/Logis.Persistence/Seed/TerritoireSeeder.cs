using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Domain.Commun;
using Logis.Domain.Organisations;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence.Acces;
using Logis.Persistence.Reference;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Seed;

/// <summary>Progress of a long seeding, for a CLI progress bar or a log.</summary>
public readonly record struct Avancement(string Etape, int Fait, int Total);

/// <summary>Reports an <see cref="Avancement"/> synchronously (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
public sealed class ProgressionDirecte(Action<Avancement> action) : IProgress<Avancement>
{
    public void Report(Avancement value) => action(value);
}

/// <summary>Outcome of seeding one EPCI.</summary>
public sealed record ResultatSemis(Siren Epci, bool DejaPresent, int Communes, int Qpv, int Bailleurs, int Reservataires, int Residences, int Logements);

/// <summary>
/// Loads the national reference data (EPCI, communes, QPV) once, and builds a hosted territory: its
/// synthetic bailleurs and réservataires, its stock calibrated on RPLS 2019 and, for the demo, the
/// demo accounts. Everything for one EPCI is written in one transaction: a failed seeding leaves
/// nothing half-written, and a second run finds the territory and changes nothing.
/// </summary>
public sealed class TerritoireSeeder(LogisDbContext db, ReferenceData reference, TimeProvider horloge)
{
    public const string SirenTpm = "248300543";
    public const string SirenAmp = "200054807";
    public const string MotDePasseDemo = "Logis-demo-2026!";
    private const int TailleLot = 5_000;

    public async Task ImporterReferentielAsync(CancellationToken ct = default)
    {
        if (await db.Communes.AnyAsync(ct)) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Epcis.AddRange(reference.Epcis());
        await db.SaveChangesAsync(ct);
        foreach (var lot in reference.Communes().Chunk(TailleLot))
        {
            db.Communes.AddRange(lot);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.Qpvs.AddRange(reference.Qpvs());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    public async Task<ResultatSemis> SemerAsync(Siren siren, int graine, bool comptesDemo, IProgress<Avancement>? progression = null, CancellationToken ct = default)
    {
        await ImporterReferentielAsync(ct);
        var epci = await db.Epcis.AsNoTracking().SingleOrDefaultAsync(e => e.Siren == siren, ct)
                   ?? throw new ArgumentException($"Aucun EPCI de SIREN {siren} dans le référentiel 2026.", nameof(siren));
        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == siren).OrderBy(c => c.CodeInsee).ToListAsync(ct);
        var qpvs = (await db.Qpvs.AsNoTracking().ToListAsync(ct)).Where(q => q.EpciSiren == siren).ToList();

        if (await db.TerritoiresHeberges.AnyAsync(t => t.EpciSiren == siren, ct))
        {
            // A territory seeded before the registering services existed gets its demo services (nothing if it has some).
            if (!await db.Guichets.AnyAsync(g => g.EpciSiren == siren, ct))
            {
                var existants = await db.Reservataires.AsNoTracking().Where(r => r.EpciSiren == siren).ToListAsync(ct);
                db.Guichets.AddRange(GuichetsDemo(epci, communes, BailleursSynthetiques.Pour(epci).Select(b => b.Bailleur), existants));
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            // Likewise for the reception places of the public site.
            await LieuxAccueilDemo.SemerAsync(db, epci, communes, ct);
            return new ResultatSemis(siren, true, communes.Count, qpvs.Count,
                await db.BailleursTerritoires.CountAsync(b => b.EpciSiren == siren, ct),
                await db.Reservataires.CountAsync(r => r.EpciSiren == siren, ct), 0,
                await db.Logements.CountAsync(l => communes.Select(c => c.CodeInsee).Contains(l.CommuneInsee), ct));
        }

        var rpls = reference.ParcRpls2019();
        var parcs = communes
            .Select(c => rpls.TryGetValue(c.CodeInsee, out var r)
                ? new ParcCommuneRpls(c.CodeInsee, c.Nom, r.Total, r.ParPieces, r.Individuels, r.EnQpv, r.ParEpoque, r.DpeAbc, r.DpeFg)
                : null)
            .OfType<ParcCommuneRpls>()
            .ToList();
        var total = parcs.Sum(p => p.NombreLogements);
        var qpvParCommune = qpvs
            .SelectMany(q => q.Communes.Select(c => (Commune: c, q.Code)))
            .GroupBy(x => x.Commune)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Code).Order(StringComparer.Ordinal).ToList());

        var bailleurs = BailleursSynthetiques.Pour(epci);
        var reservataires = Reservataires(epci, communes, bailleurs.Select(b => b.Bailleur));
        var parametres = new ParametresParc(parcs, qpvParCommune, bailleurs, reference.LoyerM2(siren) ?? 5.7m, graine);

        var strategie = db.Database.CreateExecutionStrategy();
        var residences = 0;
        var logements = 0;
        await strategie.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var existants = await db.Bailleurs.Select(b => b.Id).ToListAsync(ct);
            db.Bailleurs.AddRange(bailleurs.Select(b => b.Bailleur).Where(b => !existants.Contains(b.Id)));
            db.BailleursTerritoires.AddRange(bailleurs.Select(b => new BailleurTerritoire { BailleurId = b.Bailleur.Id, EpciSiren = siren }));
            db.Reservataires.AddRange(reservataires);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var enAttente = 0;
            foreach (var r in GenerateurParc.Generer(parametres))
            {
                db.Residences.Add(r.Residence);
                db.Logements.AddRange(r.Logements);
                residences++;
                logements += r.Logements.Count;
                enAttente += r.Logements.Count;
                if (enAttente >= TailleLot)
                {
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                    enAttente = 0;
                    progression?.Report(new Avancement("Logements", logements, total));
                }
            }
            if (comptesDemo) AjouterComptesDemo(epci, bailleurs, reservataires, communes);
            // The demo services, but for the codes the territory already declared.
            var declares = await db.Guichets.AsNoTracking().Where(g => g.EpciSiren == siren).Select(g => g.Code).ToListAsync(ct);
            db.Guichets.AddRange(GuichetsDemo(epci, communes, bailleurs.Select(b => b.Bailleur), reservataires).Where(g => !declares.Contains(g.Code)));
            db.TerritoiresHeberges.Add(new TerritoireHeberge { EpciSiren = siren, CreeLe = horloge.GetUtcNow(), Graine = graine });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            progression?.Report(new Avancement("Logements", logements, total));
        });
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        await LieuxAccueilDemo.SemerAsync(db, epci, communes, ct);
        return new ResultatSemis(siren, false, communes.Count, qpvs.Count, bailleurs.Count, reservataires.Count, residences, logements);
    }

    /// <summary>
    /// The registering services of a demo territory (docs/sne.md §1): the EPCI's own service, every bailleur (a bailleur registers
    /// the demands presented to it), the three most populous communes, Action Logement Services, and the public online portal
    /// (GDPUB). The codes (« G » and 4 digits, as the SNE's) are invented; addresses and hours are those of a demonstration.
    /// </summary>
    public static List<GuichetEnregistreur> GuichetsDemo(Epci epci, IEnumerable<Commune> communes, IEnumerable<Bailleur> bailleurs, IEnumerable<Reservataire> reservataires)
    {
        const string Horaires = "Du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h, avec ou sans rendez-vous";
        var parPopulation = communes.OrderByDescending(c => c.Population).ThenBy(c => c.CodeInsee.Value, StringComparer.Ordinal).ToList();
        var principale = parPopulation.FirstOrDefault()?.Nom ?? epci.Nom;
        var liste = new List<GuichetEnregistreur>();
        void G(string code, string nom, string adresse, string horaires, OrganisationGuichet type, string organisation) =>
            liste.Add(GuichetEnregistreur.Creer(epci.Siren, code, nom, adresse, horaires, type, organisation).Valeur);
        G("G0001", $"Service habitat — {epci.Nom}", $"Accueil du service habitat, hôtel de l'intercommunalité, {principale}", Horaires, OrganisationGuichet.Epci, epci.Siren.Value);
        var n = 10;
        foreach (var b in bailleurs.OrderBy(b => b.Nom, StringComparer.Ordinal))
            G($"G{n++:0000}", $"Agence de {b.Nom}", $"Agence d'accueil des demandeurs, {principale}", Horaires, OrganisationGuichet.Bailleur, b.Id.Value.ToString());
        n = 30;
        foreach (var c in parPopulation.Take(3))
            G($"G{n++:0000}", $"Mairie de {c.Nom} — service logement", $"Hôtel de ville, {c.Nom}", "Du lundi au vendredi, de 8 h 30 à 12 h ; l'après-midi sur rendez-vous", OrganisationGuichet.Commune, c.CodeInsee.Value);
        if (reservataires.FirstOrDefault(r => r.Type == TypeReservataire.ActionLogement) is { } al)
            G("G0050", al.Nom, $"Agence Action Logement, {principale}", "Sur rendez-vous, du lundi au vendredi", OrganisationGuichet.Reservataire, al.Id.Value.ToString());
        G(NumeroUnique.GuichetPortailPublic, "Portail grand public — demande-logement-social.gouv.fr", "En ligne : www.demande-logement-social.gouv.fr",
            "Tous les jours, à toute heure", OrganisationGuichet.PortailPublic, "");
        return liste;
    }

    private static List<Reservataire> Reservataires(Epci epci, IEnumerable<Commune> communes, IEnumerable<Bailleur> bailleurs)
    {
        Reservataire R(string cle, string nom, TypeReservataire type, CodeInsee? commune = null, BailleurId? bailleur = null) =>
            new(new ReservataireId(DeterministicGuid.From($"reservataire:{epci.Siren}:{cle}")), nom, type, epci.Siren, commune, bailleur);

        var liste = new List<Reservataire>
        {
            R("prefet", "Préfecture — contingent de l'État", TypeReservataire.Prefet),
            R("epci", epci.Nom, TypeReservataire.Epci),
            R("action-logement", "Action Logement Services", TypeReservataire.ActionLogement),
            R("departement", "Conseil départemental", TypeReservataire.Departement),
        };
        liste.AddRange(communes.Select(c => R($"commune:{c.CodeInsee}", $"Commune de {c.Nom}", TypeReservataire.Commune, commune: c.CodeInsee)));
        liste.AddRange(bailleurs.Select(b => R($"bailleur:{b.Id}", $"{b.Nom} (contingent propre)", TypeReservataire.Bailleur, bailleur: b.Id)));
        return liste;
    }

    private void AjouterComptesDemo(Epci epci, IReadOnlyList<PartBailleur> bailleurs, List<Reservataire> reservataires, List<Commune> communes)
    {
        var suffixe = ComptesDemo.Suffixe(epci.Siren);
        var hash = Secrets.HacherMotDePasse(MotDePasseDemo);
        var actionLogement = reservataires.Single(r => r.Type == TypeReservataire.ActionLogement);
        var commune = communes.MaxBy(c => c.Population)!;
        Utilisateur U(string id, string nom, Role role, BailleurId? b = null, ReservataireId? r = null, CodeInsee? c = null) => new()
        {
            Id = DeterministicGuid.From($"utilisateur:{id}@{suffixe}"),
            Identifiant = $"{id}@{suffixe}", NomComplet = nom, Role = role, EpciSiren = epci.Siren,
            BailleurId = b, ReservataireId = r, CommuneInsee = c, MotDePasseHache = hash,
            // The demo stays usable without an authenticator application (README « Sécurité »).
            DispenseSecondFacteur = true,
        };
        db.Utilisateurs.AddRange(
            U("epci", "Camille Martin (service habitat)", Role.AgentEpci),
            U("bailleur", $"Sofia Benali ({bailleurs[0].Bailleur.Nom})", Role.AgentBailleur, b: bailleurs[0].Bailleur.Id),
            U("bailleur2", $"Lucas Girard ({bailleurs[1].Bailleur.Nom})", Role.AgentBailleur, b: bailleurs[1].Bailleur.Id),
            U("reservataire", "Nadia Roux (Action Logement)", Role.AgentReservataire, r: actionLogement.Id),
            U("commune", $"Pierre Fabre (mairie de {commune.Nom})", Role.AgentCommune, c: commune.CodeInsee),
            U("admin", "Administrateur Logis", Role.Administrateur));

        ClientApi C(string id, string nom, Role role, BailleurId? b = null) => new()
        {
            Id = DeterministicGuid.From($"client-api:{id}:{epci.Siren}"), Nom = nom, Role = role, EpciSiren = epci.Siren,
            BailleurId = b, EmpreinteCle = Secrets.EmpreinteCleApi(ComptesDemo.CleApi(id, epci.Siren)),
        };
        db.ClientsApi.AddRange(
            C("epci", $"Système d'information de {epci.Nom}", Role.AgentEpci),
            C("bailleur", $"Progiciel de {bailleurs[0].Bailleur.Nom}", Role.AgentBailleur, bailleurs[0].Bailleur.Id));
    }
}

/// <summary>Demo logins and API keys, listed in the README. Created only by <c>seed-demo</c>, never in production.</summary>
public static class ComptesDemo
{
    public static string Suffixe(Siren epci) => epci.Value switch
    {
        TerritoireSeeder.SirenTpm => "tpm.demo",
        TerritoireSeeder.SirenAmp => "amp.demo",
        _ => $"{epci.Value}.demo",
    };

    public static string CleApi(string compte, Siren epci) => $"logis-demo-{compte}-{epci.Value}";
}

/// <summary>
/// Synthetic bailleurs of a territory. The names are invented; the shares follow the usual shape of a
/// large southern agglomeration (one dominant public office, a few regional ESH, a SEM, a cooperative),
/// and the public office holds a larger share of the stock in QPV.
/// </summary>
public static class BailleursSynthetiques
{
    private static readonly (string Cle, string Nom, FormeBailleur Forme, double Part, double PartQpv)[] Profils =
    [
        ("oph", "Office public de l'habitat {0}", FormeBailleur.Oph, 0.34, 0.48),
        ("esh-azur", "Azur Habitat Social", FormeBailleur.Esh, 0.20, 0.17),
        ("esh-provence", "Provence Logis", FormeBailleur.Esh, 0.15, 0.14),
        ("esh-mediterranee", "Méditerranée Foyers", FormeBailleur.Esh, 0.11, 0.10),
        ("sem", "Société d'économie mixte {0}", FormeBailleur.Sem, 0.09, 0.06),
        ("esh-sud", "Sud Résidences", FormeBailleur.Esh, 0.07, 0.04),
        ("coop", "Coopérative Habitat Solidaire", FormeBailleur.Cooperative, 0.04, 0.01),
    ];

    public static IReadOnlyList<PartBailleur> Pour(Epci epci)
    {
        var court = epci.Siren.Value switch
        {
            TerritoireSeeder.SirenTpm => "Toulon Provence Méditerranée",
            TerritoireSeeder.SirenAmp => "Aix-Marseille-Provence",
            _ => epci.Nom,
        };
        return Profils.Select(p =>
        {
            // Regional ESH are shared between territories; the office and the SEM are local.
            var local = p.Nom.Contains("{0}", StringComparison.Ordinal);
            var cle = local ? $"{p.Cle}:{epci.Siren}" : p.Cle;
            var bailleur = new Bailleur(new BailleurId(DeterministicGuid.From($"bailleur:{cle}")), string.Format(System.Globalization.CultureInfo.InvariantCulture, p.Nom, court), p.Forme, null);
            return new PartBailleur(bailleur, p.Part, p.PartQpv);
        }).ToList();
    }
}
