using Logis.Domain.Cotation;

namespace Logis.Bench;

/// <summary>The demo primo grid (data/grilles/tpm-demo-2026.json) written by hand: the speed reference.</summary>
public static class GrilleDemoManuelle
{
    public static int Calculer(in FaitsCotation f)
    {
        var situation = f.SituationLogement switch
        {
            SituationLogement.SansLogement => 25,
            SituationLogement.StructureHebergement or SituationLogement.ProcedureExpulsion => 20,
            SituationLogement.LogementNonDecent => 15,
            SituationLogement.HebergeChezTiers or SituationLogement.LogementTemporaire => 10,
            SituationLogement.HebergeChezParents => 5,
            _ => 0,
        };
        var taille = f.SurOccupation ? 10 : f.MotifLogementTropPetit != StatutPreuve.Aucun ? 4 : 0;
        var logement = Math.Min(situation + taille, 30);

        var priorites = 0;
        if (f.Dalo == StatutPreuve.Valide) priorites += 40;
        if (f.MotifViolence == StatutPreuve.Valide || f.PrioriteF == StatutPreuve.Valide) priorites += 30;
        if (f.PrioriteA == StatutPreuve.Valide || f.MotifHandicap == StatutPreuve.Valide) priorites += 15;
        if (f.PrioriteL == StatutPreuve.Valide) priorites += 10;
        if (f.PrioriteABis == StatutPreuve.Valide || f.PrioriteB == StatutPreuve.Valide || f.PrioriteC == StatutPreuve.Valide
            || f.PrioriteD == StatutPreuve.Valide || f.PrioriteE == StatutPreuve.Valide || f.PrioriteG == StatutPreuve.Valide
            || f.PrioriteH == StatutPreuve.Valide || f.PrioriteI == StatutPreuve.Valide || f.PrioriteJ == StatutPreuve.Valide
            || f.PrioriteK == StatutPreuve.Valide)
            priorites += 10;
        priorites = Math.Min(priorites, 50);

        var t = f.TauxEffort;
        var effort = t >= 70 ? 20 : t >= 50 ? 15 : t >= 40 ? 10 : t >= 33 ? 5 : 0;
        var r = f.ResteAVivreParUc;
        var resteAVivre = r < 300 ? 10 : r < 500 ? 5 : 0;
        var ressources = Math.Min(effort + resteAVivre, 25);

        var anciennete = f.AncienneteMois > 0 ? Math.Min(f.AncienneteMois / 2, 36) : 0;
        var autres = (f.ParentIsole ? 5 : 0)
            + (f.AgeDemandeur is >= 18 and <= 29 && f.TailleMenage >= 2 ? 3 : 0)
            + (f.LienCommune ? 3 : 0);
        var motifs = Math.Min(
            (f.MotifSeparation != StatutPreuve.Aucun ? 4 : 0)
            + (f.MotifRapprochementTravail == StatutPreuve.Valide ? 3 : 0)
            + (f.MotifSante == StatutPreuve.Valide ? 4 : 0), 8);
        var refus = f.RefusOffresAdaptees > 0 ? Math.Max(-10 * Math.Min(f.RefusOffresAdaptees, 4), -30) : 0;

        var total = logement + priorites + ressources + anciennete + autres + motifs + refus;
        return Math.Max(Math.Min(total, 120), 0);
    }
}
