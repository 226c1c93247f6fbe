using System.Globalization;
using Logis.Application.Documents;
using Logis.Domain.Statistiques;

namespace Logis.Application.Mixite;

/// <summary>
/// The yearly bilan of the CIA for the CIL (issue 15): the definitions it uses (the same text on the page, in the PDF and in docs/mixite.md) and
/// its PDF — figures, charts and tables built from the same <see cref="IndicateursVue"/> as the dashboard, masked the same way.
/// </summary>
public static class BilanMixite
{
    public static readonly IReadOnlyList<(string Terme, string Definition)> Definitions =
    [
        ("Attribution comptée", "Une attribution suivie d'un bail signé (article L441-1 du CCH), comptée dans l'année civile de la signature du bail."),
        ("Revenu par unité de consommation", "Les ressources mensuelles déclarées dans la demande, multipliées par 12 et divisées par le nombre d'unités de consommation du ménage à la date du bail (1 pour le demandeur, 0,5 par autre personne de 14 ans ou plus, 0,3 par enfant de moins de 14 ans), arrondies à l'euro."),
        ("Premier quartile", "Un ménage dont le revenu par unité de consommation est inférieur au seuil officiel du premier quartile de l'année du bail (arrêté du ministre chargé du logement). Sans seuil de l'année, le quartile n'est pas déterminé et les objectifs de quartile ne sont pas mesurés."),
        ("Quartile inconnu", "Un ménage dont la composition ne peut pas être lue, ou un bail d'une année sans seuil : il compte dans les baux du périmètre mais ne sert aucun objectif de quartile, sauf s'il est relogé hors QPV pour une opération de renouvellement urbain ou une ORCOD."),
        ("QPV", "Le logement est situé dans un quartier prioritaire de la politique de la ville (localisation du logement, pas du ménage)."),
        ("Prioritaire ou DALO", "Un ménage reconnu prioritaire et urgent par la commission de médiation (DALO) ou relevant d'un critère de priorité de l'article L441-1, justifié et validé par un agent habilité à la date du bail."),
        ("Mutation", "Le demandeur était déjà locataire du parc social. Les mutations sont comprises dans la mesure légale ; les taux sont aussi donnés hors mutations."),
        ("Relogement ANRU ou ORCOD", "Un ménage relogé dans le cadre d'une opération de renouvellement urbain ou d'une opération de requalification de copropriétés dégradées (ORCOD) : le bailleur l'indique sur le logement vacant (motif hors flux). Hors QPV, son bail sert l'objectif du premier quartile quel que soit son revenu (article L441-1 du CCH)."),
        ("Objectifs", "Au moins 25 % des baux hors QPV pour des ménages du premier quartile ou relogés dans le cadre d'une opération de renouvellement urbain ou d'une ORCOD ; au moins 50 % des baux en QPV pour des ménages des autres quartiles ; au moins 25 % des baux de chaque réservataire pour des ménages DALO ou prioritaires — ou les taux que la convention intercommunale d'attribution fixe."),
        ("Baux manquants", "Le nombre de baux supplémentaires servant l'objectif qu'il aurait fallu, sur les baux signés à ce jour, pour atteindre le taux visé : le plafond de (taux visé × baux du périmètre) moins les baux qui le servent."),
        ("En retard", "Le taux atteint est inférieur au taux visé, sur au moins 5 baux du périmètre. La trajectoire donne le taux cumulé à la fin de chaque mois."),
        ("Préférence communale", "Pour chaque commune, la part de ses baux signés par des ménages qui y habitaient déjà, comparée à la part des ménages qui y habitent parmi les demandes actives (au jour de référence, ci-dessous) qui la nomment dans leurs souhaits."),
        ("Demandes actives", "Les demandes du territoire déposées au plus tard le jour de référence, non radiées ce jour-là et non fusionnées ; jour de référence : le 31 décembre pour une année passée, aujourd'hui pour l'année en cours. Une demande compte dans chaque commune et chaque typologie qu'elle souhaite (toutes les communes si elle souhaite tout le territoire)."),
        ("Tension", "Les demandes actives d'une commune et d'une typologie divisées par les baux signés dans l'année pour un logement de cette commune et de cette typologie, arrondie au dixième ; même règle que les statistiques publiques, sur l'année civile."),
        ("Attente des ménages logés", "Les mois entiers entre le dépôt de la demande (ancienneté conservée aux renouvellements) et la signature du bail, pour les ménages logés dans l'année : premier quartile, médiane et troisième quartile (méthode QUARTILE.INCLURE)."),
        ("Secret statistique", $"Aucun groupe de 1 à {SecretStatistique.Seuil - 1} ménages n'est montré : son effectif se lit « {SecretStatistique.Libelle} » et aucun taux n'est calculé sur lui ; un taux est aussi masqué quand son numérateur ou son complément compte 1 à {SecretStatistique.Seuil - 1} ménages."),
    ];

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private static string C(int? n) => n is { } x ? x.ToString("N0", Fr) : SecretStatistique.Libelle;
    private static string T(decimal? t) => t is { } x ? x.ToString("0.0", Fr) + " %" : "non diffusé";

    private static string Texte(object? o) => o switch
    {
        null => "",
        decimal d => d.ToString("0.##", Fr),
        int i => i.ToString("N0", Fr),
        _ => o.ToString() ?? "",
    };

    /// <summary>The short name of an objective (a chart's label).</summary>
    private static string Court(string nature) => nature switch
    {
        "q1-hors-qpv" => "premier quartile hors QPV",
        "hors-q1-en-qpv" => "autres quartiles en QPV",
        _ => "DALO ou prioritaires",
    };

    /// <summary>
    /// The leases signed with legal entities that sublet (CCH L442-8-1), said next to the households' leases in the bilan (page and PDF): they
    /// count in no indicator (<see cref="IndicateursVue.BauxPersonnesMorales"/>). Null when there is none.
    /// </summary>
    public static string? PersonnesMorales(IndicateursVue v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return v.BauxPersonnesMorales is 0 ? null
            : $"Baux signés avec des personnes morales qui sous-louent (article L442-8-1 du CCH) : {C(v.BauxPersonnesMorales)}. Ils sont comptés à part : "
              + "sans ménage, ni quartile ni priorité, ils n'entrent dans aucun objectif ni aucun tableau de ce bilan.";
    }

    /// <summary>The bilan as a PDF (A4, DejaVu Sans, text readable back).</summary>
    public static byte[] Pdf(IndicateursVue v, string territoire, DateOnly genereLe)
    {
        ArgumentNullException.ThrowIfNull(v);
        using var pdf = new DocumentPdf($"Bilan {v.Annee} de la convention intercommunale d'attribution — {territoire}", $"Bilan {v.Annee} de la CIA — {territoire}");
        pdf.TitrePrincipal($"Bilan {v.Annee} de la convention intercommunale d'attribution");
        pdf.Paragraphe($"{territoire} — conférence intercommunale du logement. Périmètre : {v.Perimetre}. Établi le {genereLe.ToString("d MMMM yyyy", Fr)} à partir des baux signés "
            + (v.DernierMois == 12 ? $"en {v.Annee}." : $"du 1er janvier à la fin de {Fr.DateTimeFormat.GetMonthName(v.DernierMois)} {v.Annee}."));
        pdf.Ligne("Baux signés avec des ménages", C(v.Baux));
        if (PersonnesMorales(v) is { } pm) pdf.Paragraphe(pm);
        pdf.Ligne("Seuil du premier quartile", v.Seuil.Montant is { } m ? $"{m.ToString("N0", Fr)} € par unité de consommation et par an ({v.Seuil.Source})" : "non enregistré");
        if (v.Seuil.Avertissement is { } a) pdf.Paragraphe(a);

        pdf.Titre2("Objectifs et résultats");
        pdf.BarresTaux([.. v.Objectifs.Where(o => !o.SeuilManquant).Select(o => ($"{Court(o.Nature)} — {o.Perimetre}", o.TauxAtteint, (decimal?)o.Cible,
            $"{T(o.TauxAtteint)} (cible {o.Cible.ToString("0.#", Fr)} %)"))]);
        pdf.Tableau(["Objectif", "Périmètre", "Cible", "Baux", "Atteint", "Taux", "Manquants", "Taux hors mutations"],
            [.. v.Objectifs.Select(o => (IReadOnlyList<string>)[o.Libelle + (o.Legal ? " (taux légal)" : ""), o.Perimetre, o.Cible.ToString("0.#", Fr) + " %", C(o.Baux),
                o.SeuilManquant ? "seuil manquant" : C(o.NombreAtteint), o.SeuilManquant ? "—" : T(o.TauxAtteint), o.SeuilManquant ? "—" : C(o.NombreManquant),
                o.SeuilManquant ? "—" : T(o.SansMutations.TauxAtteint)])]);
        var alertes = v.Objectifs.Where(o => o.Alerte).ToList();
        pdf.ParagrapheGras(alertes.Count == 0 ? "Aucun objectif en retard." : $"{alertes.Count} objectif(s) en retard :");
        foreach (var o in alertes) pdf.Puce($"{o.Libelle} — {o.Perimetre} : {T(o.TauxAtteint)} pour {o.Cible.ToString("0.#", Fr)} %" + (o.NombreManquant is { } n ? $", {n} bail(aux) manquant(s)" : ""));

        pdf.Titre2("Trajectoire sur l'année (toute l'intercommunalité)");
        foreach (var o in v.Objectifs.Where(o => o.Bailleur is null && o.Commune is null && o.Reservataire is null && !o.SeuilManquant))
        {
            pdf.ParagrapheGras($"{o.Libelle} — cible {o.Cible.ToString("0.#", Fr)} %");
            pdf.BarresTaux([.. o.Trajectoire.Select(p => (Fr.DateTimeFormat.GetMonthName(p.Mois), p.TauxCumule, (decimal?)o.Cible, $"{T(p.TauxCumule)} ({C(p.Baux)} baux)"))]);
        }

        foreach (var nom in ExportsMixite.Tables.Where(t => t != "objectifs"))
        {
            var t = ExportsMixite.Tableau(v, nom)!;
            pdf.Titre2(t.Titre);
            if (nom == "quartiles")
                pdf.BarresTaux([.. v.Quartiles.Select(q => ($"{q.Situation} — premier quartile",
                    q.Baux is > 0 && q.PremierQuartile is { } p ? (decimal?)decimal.Round(100m * p / q.Baux.Value, 1) : null, (decimal?)null, C(q.PremierQuartile) + " baux"))]);
            if (t.Lignes.Count == 0) pdf.Paragraphe("Aucun bail.");
            else pdf.Tableau(t.Colonnes, [.. t.Lignes.Select(l => (IReadOnlyList<string>)[.. l.Select(Texte)])]);
        }

        pdf.Titre2("Définitions");
        foreach (var (terme, definition) in Definitions) pdf.Puce($"{terme} : {definition}");
        return pdf.Octets();
    }
}
