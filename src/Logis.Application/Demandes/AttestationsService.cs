using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Persistence;
using Logis.Persistence.Reference;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Acces;
using Logis.Domain.Commun;

namespace Logis.Application.Demandes;

/// <summary>An edition of the attestation and the access code printed on it (valid until the next edition).</summary>
public sealed record AttestationEditee(AttestationEnregistrement Attestation, string CodeAcces);

/// <summary>
/// Builds the attestation of registration (CCH R441-2-4) of a demand the agent sees: the territory context
/// (registering service, délai anormalement long and COMED of the département — dated reference data in
/// <c>data/reference/comed_departements.csv</c> —, bailleurs owning stock per commune) and the domain's
/// <see cref="AttestationEnregistrement.Etablir"/>. Each edition carries a new access code to the applicant space (docs/espace-demandeur.md §2):
/// the previous one stops working.
/// </summary>
public sealed class AttestationsService(LogisDbContext db, ReferenceData reference, DemandesService demandes, Journal.JournalService journal, TimeProvider horloge)
{
    public const string Fichier = "comed_departements.csv";

    public async Task<Resultat<AttestationEditee>> EtablirAsync(Agent agent, string numero, CancellationToken ct)
    {
        var lecture = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!lecture.EstReussi) return lecture.Relayer<AttestationEditee>();
        var demande = lecture.Valeur!;
        var epci = agent.Perimetre.EpciSiren;
        var nomEpci = await db.Epcis.AsNoTracking().Where(e => e.Siren == epci).Select(e => e.Nom).SingleAsync(ct);
        // The département of the territory (its most populous commune's): the national number names a territory, not a département.
        var departement = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).OrderByDescending(c => c.Population)
            .Select(c => c.Departement).FirstAsync(ct);
        if (LireDepartement(departement) is not { } dep)
            return Resultat.Conflit<AttestationEditee>($"Le délai anormalement long du département {departement} n'est pas renseigné : l'attestation ne peut pas être établie.");

        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).Select(c => c.CodeInsee).ToListAsync(ct);
        var paires = await db.Logements.AsNoTracking().Where(l => communes.Contains(l.CommuneInsee))
            .Select(l => new { l.CommuneInsee, l.BailleurId }).Distinct().ToListAsync(ct);
        var noms = await db.Bailleurs.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Nom, ct);
        var parCommune = paires.GroupBy(p => p.CommuneInsee)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => noms.GetValueOrDefault(p.BailleurId, "Bailleur")).Distinct().Order(StringComparer.Ordinal)]);

        // The registering service is the one whose code ends the national number; for a number that names no service of the
        // territory (imported, or a former Logis demand), the organisation that recorded the registration.
        var code = demande.Numero.Guichet;
        var guichet = await db.Guichets.AsNoTracking().SingleOrDefaultAsync(g => g.EpciSiren == epci && g.Code == code, ct);
        var enregistrement = demande.Evenements.OrderBy(e => e.Rang).First();
        var service = guichet is not null
            ? new ServiceEnregistreur($"{guichet.Nom} (guichet {guichet.Code})", new AdressePostale(guichet.Adresse.Length > 0 ? guichet.Adresse : nomEpci, null, "", ""))
            : new ServiceEnregistreur(enregistrement.Organisation, new AdressePostale($"Guichet enregistreur — {nomEpci}", null, "", ""));
        var contexte = new ContexteAttestation(service, dep.Delai, dep.AdresseComed, parCommune,
            $"Pour suivre votre demande, la mettre à jour ou la renouveler, adressez-vous à l'un des guichets enregistreurs de {nomEpci} "
            + $"(liste, adresses et horaires : page « Guichets enregistreurs » de Logis, ou sur demande à votre guichet) en indiquant votre numéro unique national {demande.Numero.Lisible}. "
            + "Le service d'information et d'accueil des demandeurs de l'intercommunalité vous renseigne sur les délais et les logements (L441-2-8).");
        var attestation = AttestationEnregistrement.Etablir(demande, contexte);
        if (!attestation.EstReussi) return Resultat.Conflit<AttestationEditee>(attestation.Motif!);
        // A new access code to the applicant space, saved with the journal row (only its fingerprint).
        var codeAcces = await Espace.EspaceDemandeurService.EmettreCodeAsync(db, demande.Id, horloge.GetUtcNow(), ct);
        // The attestation shows the household's identity and address: a recorded read (docs/protection-des-donnees.md §2 item 18).
        await journal.EcrireAsync(agent, Persistence.Demandes.ActionsAudit.LectureAttestation, demande.Id, null, ct);
        return Resultat.Ok(new AttestationEditee(attestation.Valeur!, codeAcces));
    }

    private (DelaiAnormalementLong Delai, string AdresseComed)? LireDepartement(string departement)
    {
        var chemin = Path.Combine(reference.Dossier, Fichier);
        foreach (var ligne in File.ReadLines(chemin).Skip(1))
        {
            var champs = Decouper(ligne);
            if (champs.Count < 9 || !string.Equals(champs[0], departement, StringComparison.OrdinalIgnoreCase)) continue;
            var mois = Enum.GetValues<Typologie>().Select((t, i) => (t, int.Parse(champs[1 + i], System.Globalization.CultureInfo.InvariantCulture)))
                .ToDictionary(x => x.t, x => x.Item2);
            var delai = DelaiAnormalementLong.Creer(departement, mois, champs[7]);
            if (!delai.EstReussi) throw new InvalidDataException($"{chemin} : {delai.Motif}");
            return (delai.Valeur, champs[8]);
        }
        return null;
    }

    /// <summary>A CSV line with double-quoted fields (RFC 4180, no line breaks inside fields).</summary>
    private static List<string> Decouper(string ligne)
    {
        var champs = new List<string>();
        var courant = new System.Text.StringBuilder();
        var guillemets = false;
        for (var i = 0; i < ligne.Length; i++)
        {
            var c = ligne[i];
            if (guillemets)
            {
                if (c == '"' && i + 1 < ligne.Length && ligne[i + 1] == '"') { courant.Append('"'); i++; }
                else if (c == '"') guillemets = false;
                else courant.Append(c);
            }
            else if (c == '"') guillemets = true;
            else if (c == ',') { champs.Add(courant.ToString()); courant.Clear(); }
            else courant.Append(c);
        }
        champs.Add(courant.ToString());
        return champs;
    }
}
