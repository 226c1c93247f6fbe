using Logis.Domain.Cotation;

namespace Logis.Bench;

/// <summary>Seeded synthetic facts with plausible proportions (most demands have few special situations).</summary>
public static class DemandesSynthetiques
{
    public static FaitsCotation[] Generer(int nombre, int graine)
    {
        var r = new Random(graine);
        StatutPreuve Preuve(int surCent) => r.Next(100) < surCent ? (r.Next(2) == 0 ? StatutPreuve.Declare : StatutPreuve.Valide) : StatutPreuve.Aucun;
        var demandes = new FaitsCotation[nombre];
        for (var i = 0; i < nombre; i++)
        {
            var taille = 1 + r.Next(6);
            demandes[i] = new FaitsCotation
            {
                TailleMenage = taille,
                NombreEnfants = Math.Max(0, taille - 1 - r.Next(2)),
                ParentIsole = r.Next(100) < 15,
                PersonnesHandicapees = r.Next(100) < 8 ? 1 : 0,
                AgeDemandeur = 18 + r.Next(70),
                RessourcesMensuelles = r.Next(300, 4000),
                RessourcesParUc = r.Next(200, 2500),
                TauxEffort = Math.Round(r.NextDouble() * 80, 1),
                ResteAVivreParUc = r.Next(-100, 1200),
                SituationLogement = (SituationLogement)r.Next(11),
                SurOccupation = r.Next(100) < 20,
                SousOccupation = r.Next(100) < 5,
                MotifViolence = Preuve(4),
                MotifHandicap = Preuve(8),
                MotifSante = Preuve(10),
                MotifSeparation = Preuve(12),
                MotifRapprochementTravail = Preuve(10),
                MotifLogementTropPetit = Preuve(25),
                MotifLogementTropCher = Preuve(25),
                Dalo = Preuve(3),
                PrioriteA = Preuve(5),
                PrioriteB = Preuve(5),
                PrioriteF = Preuve(3),
                PrioriteJ = Preuve(5),
                PrioriteK = Preuve(3),
                PrioriteL = Preuve(1),
                AncienneteMois = r.Next(120),
                Mutation = r.Next(100) < 25,
                RefusOffresAdaptees = r.Next(100) < 10 ? 1 + r.Next(3) : 0,
                MoisDepuisDernierRefus = r.Next(36),
                LienCommune = r.Next(100) < 50,
            };
        }
        return demandes;
    }
}
