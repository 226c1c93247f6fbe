using System.Globalization;
using System.Xml.Linq;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Persistence.Demandes.Fichier;

namespace Logis.Application.Sne;

/// <summary>
/// The one mapping of a demand to the SNE's exchange format (<c>interfaceNuu</c>, docs/sne.md §2 and §3), used by the exchanges
/// of the port and by the extract files (<c>logis export sne</c>, <c>logis import sne</c>). Each SNE element or code comes from
/// the public sources listed in docs/sne.md; what the SNE's format does not carry as far as it is known (wishes, reasons,
/// disability needs…) goes in elements of Logis's own namespace (<see cref="Logis"/>), so that an extract reads back whole.
/// The NIR is never written.
/// </summary>
public static class FormatSne
{
    /// <summary>The namespace of the SNE's interface (libsne, the SNE's test data) [S].</summary>
    public static readonly XNamespace Nuu = "http://nuu.application.i2/";

    /// <summary>Logis's namespace for the fields the SNE's format does not carry (as far as it is known): never sent as SNE data.</summary>
    public static readonly XNamespace Logis = "urn:logis:demande:1";

    public const string VersionInterface = "02.01";

    /// <summary>The <c>typeFichier</c> code of an exchange [S]; an extract is a copy (COP).</summary>
    public static string TypeFichier(TypeEchangeSne? type) => type switch
    {
        TypeEchangeSne.Creation => "CRE",
        TypeEchangeSne.Modification => "MOD",
        TypeEchangeSne.Renouvellement => "REN",
        TypeEchangeSne.Radiation or TypeEchangeSne.Attribution => "RAD",
        _ => "COP",
    };

    /// <summary>The SNE's radiation reason codes [S]; the merge into a national number (f) has none: the SNE merges itself.</summary>
    public static string? CodeRadiation(MotifRadiation motif) => motif switch
    {
        MotifRadiation.AttributionBailSigne => "RADATT",
        MotifRadiation.Renonciation => "RADABA",
        MotifRadiation.AbsenceDeReponse => "RADCON",
        MotifRadiation.Irrecevabilite => "RADIRR",
        MotifRadiation.NonRenouvellement => "RADREN",
        _ => null,
    };

    public static readonly IReadOnlyDictionary<TypeRessource, string> Ressources = new Dictionary<TypeRessource, string>
    {
        [TypeRessource.Salaire] = "SAL",
        [TypeRessource.AllocationChomage] = "CHO",
        [TypeRessource.Retraite] = "RET",
        [TypeRessource.Rsa] = "RSA",
        [TypeRessource.Aah] = "AAH",
        [TypeRessource.PrestationsFamiliales] = "AF",
        [TypeRessource.PensionAlimentaire] = "PAR",
        [TypeRessource.Autres] = "AUT",
    };

    public static readonly IReadOnlyDictionary<StatutLogementActuel, string> Logements = new Dictionary<StatutLogementActuel, string>
    {
        [StatutLogementActuel.LocataireParcSocial] = "HLM",
        [StatutLogementActuel.LocataireParcPrive] = "LP",
        [StatutLogementActuel.Proprietaire] = "POCC",
        [StatutLogementActuel.HebergeParentsOuEnfants] = "CPE",
        [StatutLogementActuel.HebergeParticulier] = "CP",
        [StatutLogementActuel.StructureHebergement] = "SH",
        [StatutLogementActuel.LogementTemporaire] = "LTG",
        [StatutLogementActuel.ResidenceEtudiante] = "RE",
        [StatutLogementActuel.Hotel] = "HOT",
        [StatutLogementActuel.LogementDeFonction] = "FONC",
        [StatutLogementActuel.SquatOuCamping] = "SQUAT",
        [StatutLogementActuel.SansAbri] = "SD",
    };

    public static readonly IReadOnlyDictionary<SituationFamiliale, string> Situations = new Dictionary<SituationFamiliale, string>
    {
        [SituationFamiliale.Celibataire] = "C",
        [SituationFamiliale.Marie] = "M",
        [SituationFamiliale.Pacse] = "P",
        [SituationFamiliale.Concubinage] = "L",
        [SituationFamiliale.Separe] = "S",
        [SituationFamiliale.Divorce] = "D",
        [SituationFamiliale.Veuf] = "V",
    };

    public static readonly IReadOnlyDictionary<Nationalite, string> Nationalites = new Dictionary<Nationalite, string>
    {
        [Nationalite.Francaise] = "1",
        [Nationalite.UnionEuropeenne] = "2",
        [Nationalite.HorsUnionEuropeenne] = "3",
    };

    /// <summary>A file of the SNE's format: the header (date, type, registering service of the first demand) and one element per demand.</summary>
    public static XDocument Fichier(TypeEchangeSne? type, IEnumerable<Demande> demandes, DateTimeOffset quand, AttributionSne? attribution = null)
    {
        var liste = demandes.ToList();
        var entete = new XElement(Nuu + "entete",
            new XElement(Nuu + "dateFichier", quand.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture)),
            new XElement(Nuu + "typeFichier", TypeFichier(type)));
        if (liste.Count == 1) entete.Add(new XElement(Nuu + "numGuichet", liste[0].Numero.Guichet));
        var racine = new XElement(Nuu + "interfaceNuu", new XAttribute("versionInterface", VersionInterface),
            new XAttribute(XNamespace.Xmlns + "ns1", Nuu.NamespaceName), new XAttribute(XNamespace.Xmlns + "logis", Logis.NamespaceName), entete);
        foreach (var d in liste) racine.Add(new XElement(Nuu + "demande", Demande(d, type, attribution)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", "yes"), racine);
    }

    /// <summary>One demand in the SNE's <c>demandeLogement</c> element.</summary>
    public static XElement Demande(Demande d, TypeEchangeSne? type = null, AttributionSne? attribution = null)
    {
        var c = d.Contenu;
        var demandeur = c.Personnes.Single(p => p.Lien == LienPersonne.Demandeur);
        var e = new XElement(Nuu + "demandeLogement",
            new XElement(Nuu + "numUnique", d.Numero.Valeur),
            new XElement(Nuu + "dateCreationDemande", Date(d.DateDepot)));
        if (d.DateDernierRenouvellement is { } renouvellement) e.Add(new XElement(Logis + "dateDernierRenouvellement", Date(renouvellement)));
        var physique = new XElement(Nuu + "personnePhysique", Personne(Nuu + "demandeur", demandeur, c));
        var aCharge = c.Personnes.Where(p => p.Lien is not (LienPersonne.Demandeur or LienPersonne.Conjoint)).ToList();
        if (aCharge.Count > 0) physique.Add(new XElement(Nuu + "listePersonneACharge", aCharge.Select(p => Personne(Nuu + "personneACharge", p, null))));
        var conjoints = c.Personnes.Where(p => p.Lien == LienPersonne.Conjoint).ToList();
        if (conjoints.Count > 0) physique.Add(new XElement(Nuu + "listeCotitulaire", conjoints.Select(p => Personne(Nuu + "cotitulaire", p, null))));
        if (c.LogementActuel is { } l)
        {
            var logement = new XElement(Nuu + "logementActuel");
            if (Logements.TryGetValue(l.Statut, out var modele)) logement.Add(new XElement(Nuu + "listeModeleLogement", new XElement(Nuu + "modeleLogement", new XAttribute("code", modele))));
            if (l.LoyerMensuel is { } loyer) logement.Add(new XElement(Nuu + "montantMensuelLoyer", Nombre(loyer)));
            logement.Add(new XElement(Nuu + "nombreHabitant", c.Personnes.Count));
            if (l.Surface is { } surface) logement.Add(new XElement(Nuu + "surface", Nombre(surface)));
            logement.Add(new XElement(Nuu + "proprietaire", l.Statut == StatutLogementActuel.Proprietaire ? "true" : "false"));
            logement.Add(new XElement(Logis + "statut", l.Statut));
            if (l.Commune is { } commune) logement.Add(new XElement(Logis + "commune", commune.Value));
            physique.Add(logement);
        }
        e.Add(physique);
        // The SNE's element for a legal entity is not publicly described (docs/sne.md §3): Logis's own, its representative as the applicant.
        if (c.PersonneMorale is { } pm)
            e.Add(new XElement(Logis + "personneMorale", new XAttribute("siren", pm.Siren.Value), new XAttribute("nature", pm.Nature), pm.RaisonSociale));

        // Not carried by the SNE's format as far as it is known (docs/sne.md §3): Logis's own elements.
        e.Add(new XElement(Logis + "canal", d.Canal));
        if (c.MotifPrincipal is { } principal)
            e.Add(new XElement(Logis + "motifs", new XAttribute("principal", principal), c.Motifs.Select(m => new XElement(Logis + "motif", m))));
        var s = c.Souhaits;
        e.Add(new XElement(Logis + "souhaits",
            new XAttribute("toutEpci", s.ToutEpci ? "true" : "false"),
            s.LoyerMaximum is { } max ? new XAttribute("loyerMaximum", Nombre(max)) : null,
            s.EtageMaximum is { } etage ? new XAttribute("etageMaximum", etage) : null,
            new XAttribute("ascenseur", s.AscenseurNecessaire ? "true" : "false"),
            new XAttribute("accessiblePmr", s.AccessiblePmr ? "true" : "false"),
            s.Typologies.Select(t => new XElement(Logis + "typologie", t)),
            s.Communes.Select(x => new XElement(Logis + "commune", x.Value))));
        if (c.Handicap is { } h)
            e.Add(new XElement(Logis + "handicap", new XAttribute("fauteuilRoulant", h.FauteuilRoulant ? "true" : "false"),
                new XAttribute("mobiliteReduite", h.MobiliteReduite ? "true" : "false"), new XAttribute("autreAdaptation", h.AutreAdaptation ? "true" : "false")));
        if (c.Contact.AccepteCourriel) e.Add(new XElement(Logis + "accepteCourriel", "true"));

        if (type is TypeEchangeSne.Radiation or TypeEchangeSne.Attribution && d.MotifRadiation is { } motif)
        {
            var radiation = new XElement(Nuu + "radiation", new XElement(Nuu + "motifRadiation", new XAttribute("code", CodeRadiation(motif) ?? "")));
            if (d.DateRadiation is { } jour) radiation.Add(new XElement(Nuu + "dateRadiation", Date(jour)));
            if (attribution is not null)
            {
                radiation.Add(new XElement(Nuu + "identifiantRpls", attribution.IdentifiantRpls), new XElement(Nuu + "indicateurDalo", attribution.Dalo ? "true" : "false"));
                if (attribution.AccordCollectif is { } accord) radiation.Add(new XElement(Nuu + "accordCollectif", accord));
                if (attribution.Contingent is { } contingent) radiation.Add(new XElement(Nuu + "contingent", contingent));
            }
            e.Add(radiation);
        }
        return e;
    }

    /// <summary>
    /// A person: the applicant (<c>demandeur</c>, with the household's contact, family situation and tax income), a spouse
    /// (<c>cotitulaire</c>, link M) or a dependant (<c>personneACharge</c>, link E for a child).
    /// </summary>
    private static XElement Personne(XName nom, PersonneALoger p, ContenuDemande? demandeur)
    {
        var aCharge = demandeur is null && p.Lien != LienPersonne.Conjoint;
        var e = new XElement(nom);
        if (!aCharge && p.Sexe is { } civilite) e.Add(new XElement(Nuu + "civilite", new XAttribute("code", civilite == Sexe.Masculin ? "1" : "2")));
        e.Add(new XElement(Nuu + "nom", p.Nom), new XElement(Nuu + "prenom", p.Prenoms), new XElement(Nuu + "dateNaissance", Date(p.DateNaissance)));
        if (aCharge && p.Sexe is { } sexe) e.Add(new XElement(Nuu + "sexe", new XAttribute("code", sexe == Sexe.Masculin ? "M" : "F")));
        if (p.Nationalite is { } n) e.Add(new XElement(Nuu + "nationalite", new XAttribute("code", Nationalites[n])));
        if (p.Lien == LienPersonne.Enfant) e.Add(new XElement(Nuu + "lienParente", new XAttribute("code", "E")));
        if (p.Lien == LienPersonne.Conjoint) e.Add(new XElement(Nuu + "lienDemandeur", new XAttribute("code", "M")));
        e.Add(new XElement(Logis + "lien", p.Lien));
        if (demandeur is not null)
        {
            if (demandeur.SituationFamiliale is { } familiale) e.Add(new XElement(Nuu + "situationFamiliale", new XAttribute("code", Situations[familiale])));
            var contact = demandeur.Contact;
            if (contact.Telephone is { } tel) e.Add(new XElement(Nuu + "telPortable", tel));
            if (contact.Courriel is { } mel) e.Add(new XElement(Nuu + "mel", mel));
            var a = contact.Adresse;
            e.Add(new XElement(Nuu + "adressePostale", new XElement(Nuu + "etranger", "false"), new XElement(Nuu + "voie", a.Ligne1),
                a.Ligne2 is { } l2 ? new XElement(Logis + "complement", l2) : null, new XElement(Nuu + "codePostal", a.CodePostal), new XElement(Logis + "commune", a.Commune)));
            if (demandeur.RevenuFiscalReferenceN2 is { } rfr) e.Add(new XElement(Nuu + "revenuFiscal", new XElement(Nuu + "montantMoins2", Nombre(rfr))));
        }
        if (p.SituationProfessionnelle is { } sp) e.Add(new XElement(Logis + "situationProfessionnelle", sp));
        if (p.Ressources.Count > 0)
            e.Add(new XElement(Nuu + "listeRessourceRecue", p.Ressources.Select(r => new XElement(Nuu + "detailRessource",
                new XElement(Nuu + "ressource", new XAttribute("code", Ressources[r.Type])), new XElement(Nuu + "montant", Nombre(r.MontantMensuel))))));
        return e;
    }

    /// <summary>
    /// Reads an extract of the SNE's format back into the demand file format (docs/import-demandes.md), column by column, with the
    /// same mapping: the import then reads, checks and numbers it as any file (a given <c>numUnique</c> is kept as it is). What
    /// the extract does not hold is left empty, and the import's report says which required column is missing on which line.
    /// </summary>
    public static string EnFichierDemandes(XDocument extrait)
    {
        var entete = FormatFichierDemandes.EnteteExport();
        var w = new StringWriter(CultureInfo.InvariantCulture);
        FormatFichierDemandes.EcrireLigne(w, entete);
        var index = entete.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        foreach (var d in extrait.Descendants(Nuu + "demandeLogement"))
        {
            var champs = new string[entete.Count];
            Array.Fill(champs, "");
            void F(string colonne, string? valeur) { if (valeur is not null) champs[index[colonne]] = valeur; }
            F(FormatFichierDemandes.Numero, Texte(d, Nuu + "numUnique"));
            F(FormatFichierDemandes.DateDepot, Texte(d, Nuu + "dateCreationDemande"));
            F(FormatFichierDemandes.Canal, Texte(d, Logis + "canal"));
            var physique = d.Element(Nuu + "personnePhysique");
            var demandeur = physique?.Element(Nuu + "demandeur");
            var adresse = demandeur?.Element(Nuu + "adressePostale");
            F(FormatFichierDemandes.AdresseLigne1, Texte(adresse, Nuu + "voie") is { } voie ? $"{Texte(adresse, Nuu + "numero")} {voie}".Trim() : null);
            F(FormatFichierDemandes.AdresseLigne2, Texte(adresse, Logis + "complement"));
            F(FormatFichierDemandes.CodePostal, Texte(adresse, Nuu + "codePostal"));
            F(FormatFichierDemandes.CommuneAdresse, Texte(adresse, Logis + "commune"));
            F(FormatFichierDemandes.Telephone, Texte(demandeur, Nuu + "telPortable"));
            F(FormatFichierDemandes.Courriel, Texte(demandeur, Nuu + "mel"));
            F(FormatFichierDemandes.AccepteCourriel, Texte(d, Logis + "accepteCourriel") == "true" ? "oui" : "non");
            F(FormatFichierDemandes.SituationFamiliale, Inverse(Situations, Code(demandeur, Nuu + "situationFamiliale")));
            F(FormatFichierDemandes.RevenuFiscal, Texte(demandeur?.Element(Nuu + "revenuFiscal"), Nuu + "montantMoins2"));
            var logement = physique?.Element(Nuu + "logementActuel");
            F(FormatFichierDemandes.LogementStatut, Texte(logement, Logis + "statut")
                ?? Inverse(Logements, logement?.Element(Nuu + "listeModeleLogement")?.Element(Nuu + "modeleLogement")?.Attribute("code")?.Value));
            F(FormatFichierDemandes.LogementCommune, Texte(logement, Logis + "commune"));
            F(FormatFichierDemandes.LogementLoyer, Texte(logement, Nuu + "montantMensuelLoyer"));
            F(FormatFichierDemandes.LogementSurface, Texte(logement, Nuu + "surface"));
            if (d.Element(Logis + "motifs") is { } motifs)
            {
                F(FormatFichierDemandes.Motifs, string.Join(';', motifs.Elements(Logis + "motif").Select(m => m.Value)));
                F(FormatFichierDemandes.MotifPrincipal, motifs.Attribute("principal")?.Value);
            }
            if (d.Element(Logis + "souhaits") is { } s)
            {
                F(FormatFichierDemandes.Typologies, string.Join(';', s.Elements(Logis + "typologie").Select(t => t.Value)));
                F(FormatFichierDemandes.CommunesSouhaitees, string.Join(';', s.Elements(Logis + "commune").Select(c => c.Value)));
                F(FormatFichierDemandes.ToutEpci, s.Attribute("toutEpci")?.Value == "true" ? "oui" : "non");
                F(FormatFichierDemandes.LoyerMaximum, s.Attribute("loyerMaximum")?.Value);
                F(FormatFichierDemandes.EtageMaximum, s.Attribute("etageMaximum")?.Value);
                F(FormatFichierDemandes.Ascenseur, s.Attribute("ascenseur")?.Value == "true" ? "oui" : "non");
                F(FormatFichierDemandes.AccessiblePmr, s.Attribute("accessiblePmr")?.Value == "true" ? "oui" : "non");
            }
            if (d.Element(Logis + "personneMorale") is { } pm)
            {
                F(FormatFichierDemandes.PersonneMoraleRaisonSociale, pm.Value.Trim());
                F(FormatFichierDemandes.PersonneMoraleSiren, pm.Attribute("siren")?.Value);
                F(FormatFichierDemandes.PersonneMoraleNature, pm.Attribute("nature")?.Value);
            }
            if (d.Element(Logis + "handicap") is { } h)
                F(FormatFichierDemandes.Handicap, string.Join(';', new[] { ("fauteuilRoulant", "fauteuil"), ("mobiliteReduite", "mobilite"), ("autreAdaptation", "autre") }
                    .Where(x => h.Attribute(x.Item1)?.Value == "true").Select(x => x.Item2)));
            var personnes = new[] { demandeur }
                .Concat(physique?.Element(Nuu + "listeCotitulaire")?.Elements(Nuu + "cotitulaire") ?? [])
                .Concat(physique?.Element(Nuu + "listePersonneACharge")?.Elements(Nuu + "personneACharge") ?? [])
                .OfType<XElement>().Take(FormatFichierDemandes.PersonnesMaximum).ToList();
            for (var k = 0; k < personnes.Count; k++)
            {
                var p = personnes[k];
                string C(string suffixe) => FormatFichierDemandes.Colonne(k + 1, suffixe);
                F(C(FormatFichierDemandes.Nom), Texte(p, Nuu + "nom"));
                F(C(FormatFichierDemandes.Prenoms), Texte(p, Nuu + "prenom"));
                F(C(FormatFichierDemandes.DateNaissance), Texte(p, Nuu + "dateNaissance"));
                F(C(FormatFichierDemandes.Lien), Texte(p, Logis + "lien") ?? (p.Name == Nuu + "demandeur" ? "Demandeur"
                    : p.Name == Nuu + "cotitulaire" ? "Conjoint" : Code(p, Nuu + "lienParente") == "E" ? "Enfant" : "Autre"));
                F(C(FormatFichierDemandes.Sexe), (Code(p, Nuu + "civilite"), Code(p, Nuu + "sexe")) switch
                {
                    ("1", _) or (_, "M") => "Masculin",
                    ("2", _) or (_, "F") => "Feminin",
                    _ => null,
                });
                F(C(FormatFichierDemandes.Nationalite), Inverse(Nationalites, Code(p, Nuu + "nationalite")));
                F(C(FormatFichierDemandes.SituationPro), Texte(p, Logis + "situationProfessionnelle"));
                F(C(FormatFichierDemandes.Ressources), string.Join(';', (p.Element(Nuu + "listeRessourceRecue")?.Elements(Nuu + "detailRessource") ?? [])
                    .Select(r => (Type: Inverse(Ressources, Code(r, Nuu + "ressource")), Montant: Texte(r, Nuu + "montant")))
                    .Where(r => r.Type is not null && r.Montant is not null).Select(r => $"{r.Type}={r.Montant}")));
            }
            FormatFichierDemandes.EcrireLigne(w, champs);
        }
        return w.ToString();
    }

    private static string? Texte(XElement? parent, XName nom) => parent?.Element(nom)?.Value is { Length: > 0 } v ? v.Trim() : null;

    private static string? Code(XElement? parent, XName nom) => parent?.Element(nom)?.Attribute("code")?.Value;

    private static string? Inverse<T>(IReadOnlyDictionary<T, string> codes, string? code) where T : struct, Enum =>
        code is null ? null : codes.Where(c => c.Value == code).Select(c => (string?)c.Key.ToString()).FirstOrDefault() ?? code;

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Nombre(decimal m) => m.ToString(CultureInfo.InvariantCulture);
}
