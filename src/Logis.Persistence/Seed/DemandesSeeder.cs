using Logis.Persistence.Cotation;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Demandes.Synthese;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Seed;

public sealed record ResultatSemisDemandes(Siren Epci, bool DejaPresent, int Nombre);

/// <summary>
/// Seeds the synthetic demand file of a hosted territory from <see cref="GenerateurDemandes"/>:
/// deterministic (seed and reference date), idempotent (a territory that has demands is left as is),
/// in one transaction, in batches without change detection. About one household in a thousand is registered twice
/// (<see cref="DoublonsSynthetiques"/>), so that the duplicates screen has something to show. The sequence allocator is set past the
/// generated numbers so that new registrations continue the numbering.
/// </summary>
/// <param name="coteur">Scores each seeded demand under the grid in force as it is written (explicit, as every act does); none: the
/// scores wait for the next rescoring.</param>
public sealed class DemandesSeeder(LogisDbContext db, TimeProvider horloge, ICoteurDemandes? coteur = null)
{
    private const int TailleLot = 2_000;

    /// <summary>La Poste's codes of each commune (reference file), read once per process for the demo addresses.</summary>
    private static readonly Lazy<IReadOnlyDictionary<CodeInsee, string[]>> CodesPostaux = new(() => Reference.ReferenceData.Trouver().CodesPostaux());

    /// <param name="annee">The year the demo plays after the seeding, if any (<see cref="AnneeJouee"/>): the demands are renewed only until its
    /// start, and its housed households are generated in addition to <paramref name="nombre"/>.</param>
    public async Task<ResultatSemisDemandes> SemerAsync(Siren siren, int graine, int nombre, IProgress<Avancement>? progression = null,
        AnneeJouee? annee = null, CancellationToken ct = default)
    {
        var existantes = await db.Demandes.CountAsync(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == siren, ct);
        if (existantes > 0) return new ResultatSemisDemandes(siren, true, existantes);

        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == siren).OrderBy(c => c.CodeInsee).ToListAsync(ct);
        var codes = communes.Select(c => c.CodeInsee).ToList();
        var parc = await db.Logements.AsNoTracking().Where(l => codes.Contains(l.CommuneInsee))
            .GroupBy(l => l.CommuneInsee).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var generation = communes.Select(c => new CommuneDeGeneration(c.CodeInsee, c.Nom, $"{c.Departement}000", c.Population,
            c.Population == 0 ? 0 : Math.Min(1, parc.GetValueOrDefault(c.CodeInsee) * 2.2 / c.Population),
            CodesPostaux.Value.GetValueOrDefault(c.CodeInsee))).ToList();
        var bailleurs = await db.BailleursTerritoires.AsNoTracking().Where(b => b.EpciSiren == siren)
            .Join(db.Bailleurs.AsNoTracking(), b => b.BailleurId, x => x.Id, (_, x) => x.Nom).Distinct().OrderBy(n => n).ToListAsync(ct);
        var territoire = await db.TerritoiresHeberges.AsNoTracking().Where(t => t.EpciSiren == siren).Select(t => t.CodeTerritoireSne).SingleOrDefaultAsync(ct)
            ?? NumeroUnique.TerritoireParDefaut(communes.MaxBy(c => c.Population)!.Departement);
        // The counters of the territory register the demands deposited there (the public portal's code is the generator's).
        var guichets = await db.Guichets.AsNoTracking()
            .Where(g => g.EpciSiren == siren && g.Actif && g.TypeOrganisation != OrganisationGuichet.PortailPublic).Select(g => g.Code).ToListAsync(ct);
        guichets.Sort(StringComparer.Ordinal);
        var reference = horloge.AujourdhuiEnFrance();
        // No act of the demo is dated after the seeding instant (an act later that day would block every act until then).
        var maintenant = horloge.MaintenantEnFrance();
        // A few households registered twice (DoublonsSynthetiques), within the requested total, for the duplicates screen.
        var doublons = DoublonsSynthetiques.Nombre(nombre);
        var generees = GenerateurDemandes.Generer(new ParametresGeneration(graine, nombre - doublons, territoire, reference, generation,
            FenetreRenouvellement.Creer(3).Valeur, ProfilDemandes.Defaut, maintenant, Bailleurs: bailleurs, Guichets: guichets, Annee: annee)).Valeur;
        IReadOnlyList<Demande> demandes = [.. generees, .. DoublonsSynthetiques.Creer(generees, doublons, reference, maintenant)];

        var strategie = db.Database.CreateExecutionStrategy();
        await strategie.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                var fait = 0;
                foreach (var lot in demandes.Chunk(TailleLot))
                {
                    foreach (var d in lot) db.AjouterDemande(d, siren);
                    if (coteur is not null) await db.CoterChangementsAsync(coteur, ct);
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                    fait += lot.Length;
                    progression?.Report(new Avancement("Demandes", fait, demandes.Count));
                }
                await db.VerrouillerNumerotationAsync(territoire, ct);
                await db.AvancerSequencesAsync(demandes.GroupBy(d => (d.Numero.Territoire, 2000 + d.Numero.Annee, d.Numero.Mois))
                    .ToDictionary(g => g.Key, g => g.Max(d => d.Numero.Sequence)), ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            finally
            {
                db.ChangeTracker.Clear();
                db.ChangeTracker.AutoDetectChangesEnabled = true;
            }
        });
        return new ResultatSemisDemandes(siren, false, demandes.Count);
    }
}
