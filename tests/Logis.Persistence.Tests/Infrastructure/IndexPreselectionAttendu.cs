using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Attributions;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Tests.Infrastructure;

/// <summary>
/// The pre-selection index (<c>preselection_demande</c>) as it must be: for every stored demand, the rows <see cref="EntreePreselection.Pour"/>
/// gives for its content and status, with its stored score; compared with the rows stored, every column.
/// </summary>
public static class IndexPreselectionAttendu
{
    public static async Task VerifierAsync(LogisDbContext db, string etape)
    {
        var demandes = await db.Demandes.AsNoTracking().Select(d => new { Demande = d, Epci = EF.Property<Siren>(d, ColonnesDemande.Epci) }).ToListAsync();
        var totaux = await db.CotationsDemandes.AsNoTracking().ToDictionaryAsync(c => c.DemandeId, c => c.Total);
        var attendu = demandes.SelectMany(x => EntreePreselection.Pour(x.Demande, x.Epci, totaux.GetValueOrDefault(x.Demande.Id))).Select(Texte)
            .Order(StringComparer.Ordinal).ToList();
        var stocke = (await db.Set<EntreePreselection>().AsNoTracking().ToListAsync()).Select(Texte).Order(StringComparer.Ordinal).ToList();
        Assert.True(attendu.Count > 0, $"{etape} : aucune ligne attendue, le test ne vérifierait rien");
        var manquantes = attendu.Except(stocke).Take(3).ToList();
        var enTrop = stocke.Except(attendu).Take(3).ToList();
        Assert.True(manquantes.Count == 0 && enTrop.Count == 0 && attendu.Count == stocke.Count,
            $"{etape} : {attendu.Count} ligne(s) attendue(s), {stocke.Count} stockée(s) ; manquantes : {string.Join(" / ", manquantes)} ; en trop : {string.Join(" / ", enTrop)}");
    }

    private static string Texte(EntreePreselection e) =>
        $"{e.DemandeId.Value} {e.EpciSiren.Value} {e.Commune} {e.Typologie} {e.Total?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {e.DateDepot:yyyy-MM-dd} {e.Numero} {e.NombrePersonnes} {e.LoyerMaximumCentimes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}
