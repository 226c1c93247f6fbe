using Logis.Domain.Information;
using Logis.Domain.Territoire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Logis.Persistence.Information;

/// <summary>Table of the public information: the reception places of a territory (<c>lieu_accueil</c>).</summary>
public static class InformationModele
{
    public static void Configurer(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LieuAccueil>(e =>
        {
            e.ToTable("lieu_accueil");
            e.HasKey(x => new { x.EpciSiren, x.Code });
            e.Property(x => x.Code).HasMaxLength(LieuAccueil.LongueurCodeMax);
            e.Property(x => x.Nom).HasMaxLength(LieuAccueil.LongueurNomMax);
            e.Property(x => x.Adresse).HasMaxLength(LieuAccueil.LongueurAdresseMax);
            e.Property(x => x.Horaires).HasMaxLength(LieuAccueil.LongueurHorairesMax);
            e.Property(x => x.Telephone).HasMaxLength(LieuAccueil.LongueurTelephoneMax);
            e.Property(x => x.Accessibilite).HasMaxLength(LieuAccueil.LongueurAccessibiliteMax);
            e.Property(x => x.CodeGuichet).HasMaxLength(5);
            // The communes served, « 83137|83069 »; empty for the whole territory.
            e.Property(x => x.CommunesServies).HasConversion(new Codes(), Codes.Comparer).HasMaxLength(2000);
            e.Ignore(x => x.ToutLeTerritoire);
        });
    }

    private sealed class Codes() : ValueConverter<IReadOnlyList<CodeInsee>, string>(
        v => string.Join('|', v.Select(c => c.Value)),
        v => v.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(CodeInsee.Create).ToList())
    {
        public static readonly ValueComparer<IReadOnlyList<CodeInsee>> Comparer = new(
            (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, c) => HashCode.Combine(h, c)), v => v.ToList());
    }
}
