using FsCheck;
using FsCheck.Fluent;
using Logis.Domain.Cotation;

namespace Logis.Domain.Tests.Cotation;

/// <summary>Random facts that hit the grids' thresholds often, and odd values (negative, huge, NaN) sometimes.</summary>
public static class FaitsAleatoires
{
    public static FaitsCotation Generer(Random r)
    {
        int Entier(int max) => r.Next(20) switch
        {
            0 => -r.Next(1, 100),
            1 => r.Next(2) == 0 ? int.MinValue : int.MaxValue,
            _ => r.Next(max + 1),
        };
        StatutPreuve Preuve() => (StatutPreuve)(r.Next(6) switch { 0 => 2, 1 => 1, _ => 0 });
        bool Oui(int sur) => r.Next(sur) == 0;
        return new FaitsCotation
        {
            TailleMenage = Entier(8),
            NombreEnfants = Entier(5),
            ParentIsole = Oui(5),
            PersonnesHandicapees = Entier(2),
            AgeDemandeur = Entier(90),
            RessourcesMensuelles = Entier(5000),
            RessourcesParUc = Entier(3000),
            TauxEffort = r.Next(30) == 0 ? double.NaN : Math.Round(r.NextDouble() * 100, r.Next(3)),
            ResteAVivreParUc = Entier(1200) - 100,
            SituationLogement = (SituationLogement)r.Next(11),
            SurOccupation = Oui(4),
            SousOccupation = Oui(6),
            MotifViolence = Preuve(),
            MotifHandicap = Preuve(),
            MotifSante = Preuve(),
            MotifSeparation = Preuve(),
            MotifRapprochementTravail = Preuve(),
            MotifLogementTropPetit = Preuve(),
            MotifLogementTropCher = Preuve(),
            MotifDecohabitation = Preuve(),
            MotifCongeBailleur = Preuve(),
            Dalo = Preuve(),
            PrioriteA = Preuve(),
            PrioriteABis = Preuve(),
            PrioriteB = Preuve(),
            PrioriteC = Preuve(),
            PrioriteD = Preuve(),
            PrioriteE = Preuve(),
            PrioriteF = Preuve(),
            PrioriteG = Preuve(),
            PrioriteH = Preuve(),
            PrioriteI = Preuve(),
            PrioriteJ = Preuve(),
            PrioriteK = Preuve(),
            PrioriteL = Preuve(),
            AncienneteMois = Entier(120),
            Mutation = Oui(4),
            RefusOffresAdaptees = Oui(3) ? Entier(6) : 0,
            MoisDepuisDernierRefus = Entier(60),
            LienCommune = Oui(3),
        };
    }
}

/// <summary>FsCheck generators for the cotation properties.</summary>
public static class ArbitrairesCotation
{
    public static Arbitrary<FaitsCotation> Faits() =>
        Gen.Choose(0, int.MaxValue).Select(graine => FaitsAleatoires.Generer(new Random(graine))).ToArbitrary();
}
