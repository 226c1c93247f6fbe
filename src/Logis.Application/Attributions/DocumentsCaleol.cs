using Logis.Application.Acces;
using Logis.Application.Documents;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Attributions;

/// <summary>
/// The documents of the CALEOL, as PDF an agent prints and files: the minutes (procès-verbal) of a session — members and their quality, each
/// dwelling examined, its candidates, the votes and each decision with its reasons — and the notification letter to one candidate (decision,
/// reasons, rank; for a rejection, the reasons and the remedies, L441-2-2, R441-2-17). Each opening is written in the journal.
/// </summary>
public sealed class DocumentsCaleol(CaleolService caleol)
{
    /// <summary>The minutes of a session: final once the session is closed, marked provisional before.</summary>
    public async Task<Resultat<DocumentProduit>> ProcesVerbalAsync(Agent agent, string seanceId, CancellationToken ct)
    {
        var lu = await caleol.PourDocumentAsync(agent, seanceId, ct);
        if (!lu.EstReussi) return Resultat.Echec<DocumentProduit>(lu.Probleme);
        var (seance, dossiers, noms) = lu.Valeur;
        var bailleur = noms.Bailleur(seance.BailleurId);
        using var pdf = new DocumentPdf($"Procès-verbal de la CALEOL du {seance.Date:dd/MM/yyyy}", $"{bailleur} — CALEOL du {seance.Date:dd/MM/yyyy}");
        pdf.TitrePrincipal("Procès-verbal de la commission d'attribution des logements et d'examen de l'occupation des logements")
            .Ligne("Bailleur", bailleur)
            .Ligne("Séance du", $"{seance.Date:dd/MM/yyyy} ({seance.Modalite.Libelle()})");
        if (seance.ClotureVotes is { } c) pdf.Ligne("Clôture des votes", $"{HeureFrance.EnFrance(c):dd/MM/yyyy à HH:mm}");
        pdf.Paragraphe(seance.EstClose ? $"Séance close le {HeureFrance.EnFrance(seance.CloseLe!.Value):dd/MM/yyyy}." : "Document provisoire : la séance n'est pas close.");

        pdf.Titre2("Membres");
        foreach (var m in seance.Membres)
        {
            var commune = m.CommuneInsee is { } ci ? $", commune de {noms.Commune(ci)}" : "";
            pdf.Puce($"{m.Rang}. {m.Nom} — {m.Qualite.Libelle()}{commune}{(m.President ? ", président de la commission" : "")}");
        }

        foreach (var d in dossiers)
        {
            pdf.Titre2($"Logement {d.NumeroRpls} — {noms.Commune(d.CommuneInsee)}");
            pdf.Ligne("Caractéristiques", $"{d.Typologie.Libelle()}, financement {d.Financement.Libelle()}");
            if (d.ReservataireId is { } r) pdf.Ligne("Réservataire", noms.Reservataire(r));
            pdf.Ligne("Candidats examinés", d.Candidats.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (d.Exception is { } e) pdf.Ligne("Moins de trois candidats (article R441-3 du CCH)", e.Libelle());
            foreach (var x in d.Candidats)
            {
                var compte = d.Depouiller(seance, x.Rang);
                pdf.ParagrapheGras($"Candidat {x.Rang} — demande {x.Numero}{(x.AjouteParBailleur ? " (présentée par le bailleur)" : "")}");
                pdf.Paragraphe("Votes : " + (compte.Voix.Count == 0 ? "aucun" : string.Join(", ", compte.Voix.OrderByDescending(v => v.Value).Select(v => $"{v.Key.Libelle()} {v.Value}"))
                    + (compte.VoixPreponderante ? " (voix prépondérante du maire)" : "")));
                pdf.Paragraphe("Décision : " + (x.Decision is { } dec ? Decision(dec, x.RangAttribution) : "non encore prise"));
                foreach (var ligne in Motifs(x)) pdf.Puce(ligne);
            }
        }
        pdf.Espace(16).Paragraphe($"Le président de la commission : {seance.President?.Nom ?? "—"}");
        var acteur = await Acteurs.DeAsync(caleol.Db, agent, ct);
        caleol.Auditer(agent, acteur, ActionsAuditCaleol.ProcesVerbal, null, $"Séance {seance.Id} du {seance.Date:dd/MM/yyyy}");
        await caleol.Db.SaveChangesAsync(ct);
        return Resultat.Ok(new DocumentProduit($"caleol-pv-{seance.Date:yyyy-MM-dd}.pdf", pdf.Octets()));
    }

    /// <summary>Whom the letter is addressed to: the applicant, or a legal entity (CCH L442-8-1) to the attention of its representative.</summary>
    internal static string Destinataire(Domain.Demandes.ContenuDemande contenu) =>
        contenu.PersonneMorale is { } pm
            ? $"{pm.RaisonSociale}\nÀ l'attention de {contenu.Demandeur.Prenoms} {contenu.Demandeur.Nom}"
            : $"{contenu.Demandeur.Prenoms} {contenu.Demandeur.Nom}";

    /// <summary>The letter notifying one candidate of the decision taken on its demand.</summary>
    public async Task<Resultat<DocumentProduit>> CourrierAsync(Agent agent, string dossierId, int candidat, CancellationToken ct)
    {
        var (dossier, seance) = await caleol.DossierPourDocumentAsync(agent, dossierId, ct);
        if (dossier is null || seance is null) return Resultat.NonTrouve<DocumentProduit>(CaleolService.DossierIntrouvable(dossierId));
        if (!Domain.Acces.AccesCaleol.LitDocuments(agent.Role, agent.Perimetre, seance.BailleurId))
            return Resultat.Interdit<DocumentProduit>("Le procès-verbal et les courriers sont lus par le bailleur de la commission et l'intercommunalité.");
        var c = dossier.Candidat(candidat);
        if (c is null) return Resultat.NonTrouve<DocumentProduit>($"Le dossier n'a pas de candidat n° {candidat}.");
        if (c.Decision is not { } decision) return Resultat.Conflit<DocumentProduit>($"La commission n'a pas encore décidé sur la demande {c.Numero} : le courrier suit la décision.");
        var demande = await caleol.Db.Demandes.AsNoTracking().SingleAsync(d => d.Id == c.DemandeId, ct);
        var noms = await new VacancesService(caleol.Db, caleol.Horloge).NomsAsync(agent.Perimetre.EpciSiren, ct);
        var bailleur = noms.Bailleur(seance.BailleurId);
        var adresse = demande.Contenu.Contact.Adresse;
        var jour = HeureFrance.Jour(c.DecideLe!.Value);

        using var pdf = new DocumentPdf($"Décision de la commission d'attribution — demande {c.Numero}", $"{bailleur} — demande {c.Numero}");
        pdf.Paragraphe(bailleur).Paragraphe("Commission d'attribution des logements et d'examen de l'occupation des logements").Espace(12)
            .Paragraphe(Destinataire(demande.Contenu))
            .Paragraphe(adresse.Ligne1 + (string.IsNullOrWhiteSpace(adresse.Ligne2) ? "" : "\n" + adresse.Ligne2))
            .Paragraphe($"{adresse.CodePostal} {adresse.Commune}").Espace(12)
            .Paragraphe($"Le {jour:dd/MM/yyyy}")
            .Ligne("Votre demande de logement social", $"n° {c.Numero}")
            .Ligne("Logement", $"{dossier.NumeroRpls}, {dossier.Typologie.Libelle()}, à {noms.Commune(dossier.CommuneInsee)}")
            .Espace(8)
            .TitrePrincipal("Décision de la commission d'attribution")
            .Paragraphe($"Madame, Monsieur,\nLa commission d'attribution de {bailleur} a examiné votre demande lors de sa séance du {seance.Date:dd/MM/yyyy}. Sa décision : {Decision(decision, c.RangAttribution)}.");
        switch (decision)
        {
            case DecisionCaleol.Attribution:
                pdf.Paragraphe("Le logement vous est attribué. Nous vous adresserons une offre écrite : vous disposerez d'un délai pour l'accepter ou la refuser.");
                break;
            case DecisionCaleol.AttributionAvecRang:
                pdf.Paragraphe($"Vous êtes classé au rang {c.RangAttribution}. Le logement vous sera proposé si les candidats classés avant vous le refusent. Nous vous écrirons dans ce cas.");
                break;
            case DecisionCaleol.AttributionSousConditionSuspensive:
                pdf.Paragraphe($"Le logement vous est attribué à une condition : nous envoyer la pièce suivante au plus tard le {c.PieceAttendueAvant:dd/MM/yyyy} : {c.PieceManquante!.Value.Libelle()}. "
                    + "Si la pièce arrive dans ce délai et ne remet pas en cause votre droit au logement social, le bail vous sera proposé.");
                break;
            case DecisionCaleol.NonAttribution:
                pdf.Paragraphe("Le logement ne vous est pas attribué, pour les raisons suivantes :");
                foreach (var l in Motifs(c)) pdf.Puce(l);
                pdf.Paragraphe("Votre demande reste enregistrée : elle pourra être présentée pour d'autres logements.");
                break;
            case DecisionCaleol.Irrecevabilite:
                pdf.Paragraphe("Votre demande ne remplit pas les conditions pour accéder à un logement social, pour les raisons suivantes :");
                foreach (var l in Motifs(c)) pdf.Puce(l);
                pdf.Paragraphe("Vous recevrez un avertissement : si votre situation ne change pas, votre demande sera radiée un mois après cet avertissement (article R441-2-8 du CCH).");
                break;
        }
        if (decision is DecisionCaleol.NonAttribution or DecisionCaleol.Irrecevabilite)
        {
            pdf.Titre2("Vos recours")
                .Paragraphe("Si vous n'êtes pas d'accord avec cette décision, vous pouvez :")
                .Puce("écrire au président de la commission d'attribution pour demander des explications ou un nouvel examen de votre demande ;")
                .Puce("saisir le tribunal administratif, dans un délai de deux mois à compter de la réception de ce courrier ;")
                .Puce("si vous attendez depuis longtemps un logement adapté ou si votre situation est urgente, saisir la commission de médiation du droit au logement opposable (DALO) de votre département.");
        }
        pdf.Espace(12).Paragraphe("Vous pouvez demander à tout moment où en est votre demande et connaître les décisions prises à son sujet (article R441-2-17 du CCH).")
            .Espace(12).Paragraphe($"Le président de la commission, {seance.President?.Nom ?? ""}");
        var acteur = await Acteurs.DeAsync(caleol.Db, agent, ct);
        caleol.Auditer(agent, acteur, ActionsAuditCaleol.Courrier, c.DemandeId, $"Dossier {dossier.Id}, candidat {candidat}");
        await caleol.Db.SaveChangesAsync(ct);
        return Resultat.Ok(new DocumentProduit($"caleol-decision-{c.Numero}.pdf", pdf.Octets()));
    }

    private static string Decision(DecisionCaleol d, int? rang) => rang is { } r ? $"{d.Libelle()}, rang {r}" : d.Libelle();

    private static IEnumerable<string> Motifs(CandidatCaleol c)
    {
        foreach (var m in c.Motifs)
            yield return m is MotifDecisionCaleol.Autre or MotifDecisionCaleol.AutreConditionLegale && c.Precision is { } p ? $"{m.Libelle()} : {p}" : m.Libelle();
        if (c.PieceManquante is { } piece) yield return $"pièce manquante : {piece.Libelle()}, à fournir au plus tard le {c.PieceAttendueAvant:dd/MM/yyyy}";
    }
}
