using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Demandes;
using Logis.Application.Acces;

namespace Logis.Web.Features.Demandes;

/// <summary>Printable attestation of registration (CCH R441-2-4), for every agent who sees the demand.</summary>
public sealed class AttestationModel(AttestationsService attestations) : PageModel
{
    public string Numero { get; private set; } = "";
    public AttestationEnregistrement? Attestation { get; private set; }

    /// <summary>The access code to the applicant space printed on this edition (« ABCD-EFGH-JKLM »).</summary>
    public string? CodeAcces { get; private set; }
    public string? Erreur { get; private set; }

    /// <summary>Supporting documents asked with the demand (arrêté du 22 décembre 2020 [M], list to re-read on Légifrance).</summary>
    public static readonly IReadOnlyList<string> Pieces =
    [
        "une pièce d'identité du demandeur et de chaque personne majeure à loger (ou un titre de séjour en cours de validité) ;",
        "l'avis d'imposition de l'avant-dernière année (N-2) de chaque personne appelée à vivre dans le logement ;",
        "les justificatifs de ressources des trois derniers mois (bulletins de salaire, attestations de la CAF, de France Travail, de pension…) ;",
        "un justificatif de la situation familiale (livret de famille, jugement de divorce, attestation de PACS, certificat de grossesse) ;",
        "un justificatif du logement actuel (quittance de loyer, attestation d'hébergement, jugement d'expulsion…) ;",
        "selon les motifs : pièces médicales ou carte mobilité inclusion, décision de la commission de médiation, tout document utile.",
    ];

    public async Task<IActionResult> OnGetAsync(string numero, CancellationToken ct)
    {
        Numero = numero;
        var issue = await attestations.EtablirAsync(Agent.Requis(User), numero, ct);
        if (!issue.EstReussi && issue.Probleme.Nature is NatureEchec.NonTrouve or NatureEchec.Invalide) return NotFound();
        if (!issue.EstReussi) Erreur = issue.Motif;
        else
        {
            Attestation = issue.Valeur!.Attestation;
            CodeAcces = Logis.Domain.Espace.CodeAcces.Lisible(issue.Valeur.CodeAcces);
        }
        return Page();
    }
}
