using System.Globalization;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;

namespace Logis.Web.Features.Eligibilite;

/// <summary>Plain-language labels of the public page (FALC-friendly).</summary>
public static class Libelles
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The financings checked by the public page, from the most social one.</summary>
    public static readonly IReadOnlyList<Financement> FinancementsVerifies = [Financement.Plai, Financement.Plus, Financement.Pls];

    /// <summary>"37 584 €", or "1 234,50 €" when there are cents, as in the reasons of the domain.</summary>
    public static string Euros(decimal montant) => montant.ToString("#,##0.##", Fr) + " €";

    public static string Logement(Financement f) => f switch
    {
        Financement.Plai => "Logement très social (PLAI)",
        Financement.Plus => "Logement social (PLUS)",
        Financement.Pls => "Logement social intermédiaire (PLS)",
        _ => f.Libelle(),
    };

    public static string Explication(Financement f) => f switch
    {
        Financement.Plai => "pour les ménages aux revenus les plus modestes ; les loyers sont les plus bas.",
        Financement.Plus => "le logement social le plus courant.",
        Financement.Pls => "pour les ménages aux revenus un peu plus élevés ; les loyers sont plus hauts.",
        _ => "",
    };

    public static string Lien(LienPersonne lien) => lien switch
    {
        LienPersonne.Conjoint => "Conjoint, conjointe (mari, femme, partenaire de PACS, concubin)",
        LienPersonne.Enfant => "Enfant",
        LienPersonne.Ascendant => "Parent ou grand-parent",
        LienPersonne.Autre => "Autre personne",
        _ => "Vous (demandeur)",
    };
}
