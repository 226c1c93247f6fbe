using System.Globalization;
using System.Text;
using Logis.Domain.Demandes;

namespace Logis.Domain.Relances;

/// <summary>How a message reaches the applicant.</summary>
public enum CanalMessage
{
    Courriel = 1,
    Sms = 2,
    CourrierPostal = 3,
}

/// <summary>A message ready to queue: channel, recipient (e-mail, phone or postal address), French subject and body.</summary>
public sealed record MessageRedige(CanalMessage Canal, string Destinataire, string Sujet, string Corps);

/// <summary>The channels of the notices to the applicant (R441-2-7) and their French wording.</summary>
public static class CanauxAvis
{
    /// <summary>
    /// The channels of the renewal notice, R441-2-7 [V]: 1° an applicant who never registered nor renewed online gets it
    /// by post, and by e-mail as well when they gave an address; 2° one who did gets it by e-mail; 3° one who did and asked
    /// for post gets both. An online user without an e-mail address (possible in Logis, not on the national website) gets
    /// it by post [D].
    /// </summary>
    public static IReadOnlyList<CanalMessage> Renouvellement(bool serviceEnLigneUtilise, bool avisPostalDemande, string? courriel)
    {
        var adresse = !string.IsNullOrWhiteSpace(courriel);
        if (!serviceEnLigneUtilise)
            return adresse ? [CanalMessage.CourrierPostal, CanalMessage.Courriel] : [CanalMessage.CourrierPostal];
        if (!adresse) return [CanalMessage.CourrierPostal];
        return avisPostalDemande ? [CanalMessage.Courriel, CanalMessage.CourrierPostal] : [CanalMessage.Courriel];
    }

    /// <summary>The channels of a demand's renewal notice.</summary>
    public static IReadOnlyList<CanalMessage> Renouvellement(Demande demande) =>
        Renouvellement(demande.ServiceEnLigneUtilise, demande.AvisPostalDemande, demande.Contenu.Contact.Courriel);

    public static string Libelle(this CanalMessage canal) => canal switch
    {
        CanalMessage.Courriel => "courriel",
        CanalMessage.Sms => "SMS",
        CanalMessage.CourrierPostal => "courrier postal",
        _ => throw new ArgumentOutOfRangeException(nameof(canal)),
    };

    /// <summary>« courrier postal et courriel »…</summary>
    public static string Libelle(IReadOnlyCollection<CanalMessage> canaux)
    {
        var mots = canaux.Select(c => c.Libelle()).ToList();
        return mots.Count <= 1 ? string.Concat(mots) : $"{string.Join(", ", mots.Take(mots.Count - 1))} et {mots[^1]}";
    }
}

/// <summary>Who writes to the applicant: the system manager of the territory (name shown as signature).</summary>
public sealed record Expediteur(string Nom);

/// <summary>
/// The messages of the daily run, written from fixed French templates filled with a closed set of fields: the demand
/// number, dates, the applicant's name and address, the sender's name. Nothing else can reach a message: never the NIR,
/// resources, priority situations or disability needs (docs/protection-des-donnees.md §2 item 4).
/// </summary>
public static class ModelesMessages
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>
    /// The channels of a message. The renewal notice and the radiation letters go by the channels of R441-2-7
    /// (<see cref="CanauxAvis.Renouvellement(Demande)"/>); the renewal notice also goes by SMS to a mobile number [M]. A
    /// warning goes as a registered letter with acknowledgement of receipt (R441-2-8: a means proving delivery), with an
    /// e-mail copy when an address was given.
    /// </summary>
    public static IReadOnlyList<CanalMessage> Canaux(TypeRelance type, Demande demande)
    {
        var contact = demande.Contenu.Contact;
        var canaux = new List<CanalMessage>();
        switch (type)
        {
            case TypeRelance.AExaminer:
                break;
            case TypeRelance.AvertissementIrrecevabilite:
                canaux.Add(CanalMessage.CourrierPostal);
                if (!string.IsNullOrWhiteSpace(contact.Courriel)) canaux.Add(CanalMessage.Courriel);
                break;
            default:
                canaux.AddRange(CanauxAvis.Renouvellement(demande));
                if (type == TypeRelance.RappelRenouvellement && EstMobile(contact.Telephone)) canaux.Add(CanalMessage.Sms);
                break;
        }
        return canaux;
    }

    /// <summary>French mobile numbers (06, 07, or +33 6/7).</summary>
    public static bool EstMobile(string? telephone)
    {
        if (string.IsNullOrWhiteSpace(telephone)) return false;
        var chiffres = new string(telephone.Where(char.IsDigit).ToArray());
        if (chiffres.StartsWith("33", StringComparison.Ordinal) && chiffres.Length == 11) chiffres = "0" + chiffres[2..];
        return chiffres.Length == 10 && (chiffres.StartsWith("06", StringComparison.Ordinal) || chiffres.StartsWith("07", StringComparison.Ordinal));
    }

    /// <summary>Writes the messages of an act just recorded on the demand (its dates are read after the act).</summary>
    public static IReadOnlyList<MessageRedige> Rediger(TypeRelance type, Demande demande, DateOnly jour, Expediteur expediteur) =>
        Canaux(type, demande).Select(c => Rediger(type, c, demande, jour, expediteur)).ToList();

    public static MessageRedige Rediger(TypeRelance type, CanalMessage canal, Demande demande, DateOnly jour, Expediteur expediteur)
    {
        var contact = demande.Contenu.Contact;
        var a = contact.Adresse;
        var demandeur = demande.Contenu.Demandeur;
        var champs = new Dictionary<string, string>
        {
            ["numero"] = demande.Numero.Valeur,
            ["civilite"] = $"{demandeur.Prenoms} {demandeur.Nom}",
            ["date_envoi"] = Date(jour),
            ["date_fin"] = Date(demande.DateFinValidite),
            ["date_limite"] = Date(demande.DateLimiteRenouvellement),
            ["date_radiation_possible"] = Date(demande.DateLimiteRenouvellement.AddDays(1)),
            ["date_radiation"] = demande.DateRadiation is { } r ? Date(r) : Date(jour),
            ["date_irrecevabilite"] = demande.IrrecevabiliteLe is { } i ? Date(i) : "",
            ["expediteur"] = expediteur.Nom,
        };
        var (sujet, corps, sms) = Modele(type);
        var destinataire = canal switch
        {
            CanalMessage.Courriel => contact.Courriel!,
            CanalMessage.Sms => contact.Telephone!,
            _ => string.Join("\n", new[] { $"{demandeur.Prenoms} {demandeur.Nom}", a.Ligne1, a.Ligne2, $"{a.CodePostal} {a.Commune}" }
                .Where(x => !string.IsNullOrWhiteSpace(x))),
        };
        var sujetRempli = Remplir(sujet, champs);
        if (canal == CanalMessage.Sms) return new MessageRedige(canal, destinataire, sujetRempli, Remplir(sms, champs));

        var texte = new StringBuilder();
        if (canal == CanalMessage.CourrierPostal)
        {
            texte.Append(expediteur.Nom).Append("\n\n").Append(destinataire).Append("\n\n").Append("Le ").Append(Date(jour)).Append("\n\n");
            if (type == TypeRelance.AvertissementIrrecevabilite) texte.Append("Lettre recommandée avec avis de réception\n\n");
            texte.Append("Objet : ").Append(sujetRempli).Append("\n\n");
        }
        texte.Append(Remplir(corps, champs));
        return new MessageRedige(canal, destinataire, sujetRempli, texte.ToString());
    }

    private static (string Sujet, string Corps, string Sms) Modele(TypeRelance type) => type switch
    {
        TypeRelance.RappelRenouvellement => (
            "Votre demande de logement social n° {numero} est à renouveler au plus tard le {date_limite}",
            """
            Bonjour {civilite},

            Votre demande de logement social n° {numero} est valable jusqu'au {date_fin}. Elle cessera d'être valide si elle n'est pas renouvelée au plus tard le {date_limite}.

            Pour la garder, avec son ancienneté, renouvelez-la au plus tard à cette date auprès de l'un des guichets enregistreurs de votre territoire (adresses et horaires : page « Guichets enregistreurs » de Logis), en indiquant votre numéro unique national {numero}. Si votre situation a changé (famille, ressources, adresse), dites-le en renouvelant.

            Sans renouvellement, votre demande sera radiée à partir du {date_radiation_possible} (article R441-2-8 du code de la construction et de l'habitation). Vous pourrez toujours en déposer une nouvelle, mais l'ancienneté acquise serait perdue.

            Bien cordialement,
            {expediteur}

            Message envoyé le {date_envoi}.
            """,
            "Logis : votre demande de logement social n° {numero} est à renouveler au plus tard le {date_limite} pour garder votre ancienneté. {expediteur}"),
        TypeRelance.AvertissementIrrecevabilite => (
            "Votre demande de logement social n° {numero} : avertissement avant radiation",
            """
            Bonjour {civilite},

            Le {date_irrecevabilite}, une commission d'attribution des logements a jugé votre demande de logement social n° {numero} irrecevable.

            Sans réponse de votre part, votre demande pourra être radiée un mois après la remise de cette lettre (article R441-2-8 d) du code de la construction et de l'habitation).

            Pour présenter vos observations ou des pièces nouvelles, adressez-vous à votre guichet d'enregistrement avant cette date, en rappelant le numéro de votre demande.

            Bien cordialement,
            {expediteur}

            Message envoyé le {date_envoi}.
            """,
            ""),
        TypeRelance.RadiationNonRenouvellement => (
            "Votre demande de logement social n° {numero} a été radiée",
            """
            Bonjour {civilite},

            Votre demande de logement social n° {numero} n'a pas été renouvelée dans le délai indiqué par l'avis de renouvellement, qui prenait fin le {date_limite}. Elle a été radiée le {date_radiation} (article R441-2-8 e) du code de la construction et de l'habitation).

            Si vous cherchez toujours un logement social, vous pouvez déposer une nouvelle demande à tout moment, sur le site demande-logement-social.gouv.fr ou auprès de l'un des guichets enregistreurs de votre territoire (page « Guichets enregistreurs » de Logis).

            Bien cordialement,
            {expediteur}

            Message envoyé le {date_envoi}.
            """,
            ""),
        TypeRelance.RadiationAbsenceDeReponse or TypeRelance.RadiationIrrecevabilite => (
            "Votre demande de logement social n° {numero} a été radiée",
            """
            Bonjour {civilite},

            Un mois après la remise de l'avertissement qui vous a été adressé, votre demande de logement social n° {numero} a été radiée le {date_radiation} (article R441-2-8 du code de la construction et de l'habitation).

            Si vous cherchez toujours un logement social, vous pouvez déposer une nouvelle demande à tout moment, sur le site demande-logement-social.gouv.fr ou auprès de l'un des guichets enregistreurs de votre territoire (page « Guichets enregistreurs » de Logis).

            Bien cordialement,
            {expediteur}

            Message envoyé le {date_envoi}.
            """,
            ""),
        _ => throw new ArgumentOutOfRangeException(nameof(type), "Aucun message pour ce type."),
    };

    /// <summary>Fills <c>{champ}</c> markers; a marker without its field is a template bug and throws.</summary>
    public static string Remplir(string modele, IReadOnlyDictionary<string, string> champs)
    {
        var sb = new StringBuilder(modele.Length + 64);
        var i = 0;
        while (i < modele.Length)
        {
            var debut = modele.IndexOf('{', i);
            if (debut < 0) { sb.Append(modele, i, modele.Length - i); break; }
            var fin = modele.IndexOf('}', debut);
            if (fin < 0) throw new FormatException("Modèle de message mal formé : accolade non fermée.");
            sb.Append(modele, i, debut - i);
            var nom = modele[(debut + 1)..fin];
            if (!champs.TryGetValue(nom, out var valeur)) throw new FormatException($"Champ inconnu dans un modèle de message : {nom}.");
            sb.Append(valeur);
            i = fin + 1;
        }
        return sb.ToString();
    }

    private static string Date(DateOnly d) => d.ToString("d MMMM yyyy", Fr);
}
