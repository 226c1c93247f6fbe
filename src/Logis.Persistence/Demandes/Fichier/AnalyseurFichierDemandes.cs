using System.Globalization;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence.Reference;
using static Logis.Persistence.Demandes.Fichier.FormatFichierDemandes;

namespace Logis.Persistence.Demandes.Fichier;

/// <summary>One broken field of the file: physical line (1 = header), column, French reason.</summary>
public sealed record ErreurLigne(int Ligne, string Colonne, string Motif)
{
    public override string ToString() => $"ligne {Ligne}, colonne {Colonne} : {Motif}";
}

/// <summary>A valid line: what the household declares, the optional existing number, channel and deposit date.</summary>
public sealed record DemandeLue(int Ligne, NumeroUnique? Numero, ContenuDemande Contenu, CanalDepot Canal, DateOnly DateDepot);

/// <summary>What the analysis found: every broken field of every line, and the valid demands.</summary>
public sealed class RapportAnalyse
{
    public int Lignes { get; internal set; }
    public List<ErreurLigne> Erreurs { get; } = [];
    public List<DemandeLue> Valides { get; } = [];
    public int LignesEnErreur => Erreurs.Select(e => e.Ligne).Distinct().Count();
    public bool EstValide => Erreurs.Count == 0;
}

/// <summary>What the analysis checks a line against: the communes of the importing EPCI and today's date (French time).</summary>
public sealed record ContexteAnalyse(Siren Epci, IReadOnlySet<string> CommunesEpci, DateOnly Aujourdhui);

/// <summary>
/// Reads a demand file (<see cref="FormatFichierDemandes"/>) without touching any database: every field is
/// checked, every broken line is reported with its column and a French reason, and the content goes
/// through <see cref="ContenuDemande.Creer"/> and <see cref="Demande.Enregistrer"/> — the same rules as a
/// demand typed at the guichet.
/// </summary>
public static class AnalyseurFichierDemandes
{
    private static readonly NumeroUnique NumeroFictif = NumeroUnique.Creer("01", 2000, 1).Valeur;
    private static readonly Acteur ActeurFictif = new(new AuteurId(Guid.Empty), "analyse");

    /// <param name="parallelisme">Cores used to analyse the lines (all by default; 1 for the single-core benchmark figure).</param>
    public static RapportAnalyse Analyser(TextReader texte, ContexteAnalyse contexte, int parallelisme = -1)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelisme };
        var rapport = new RapportAnalyse();
        CsvLecteur csv;
        try
        {
            csv = new CsvLecteur(texte);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException)
        {
            rapport.Erreurs.Add(new ErreurLigne(1, "(en-tête)", e is ArgumentException ? "L'en-tête contient deux fois la même colonne." : e.Message));
            return rapport;
        }
        var connues = new HashSet<string>(ColonnesLigne, StringComparer.Ordinal);
        for (var i = 1; i <= PersonnesMaximum; i++)
            foreach (var c in ColonnesPersonne) connues.Add(Colonne(i, c));
        foreach (var c in csv.Colonnes.Where(c => !connues.Contains(c)))
            rapport.Erreurs.Add(new ErreurLigne(1, c, "Colonne inconnue du format des demandes (docs/import-demandes.md)."));
        foreach (var c in ColonnesObligatoires.Where(c => !csv.Colonnes.Contains(c)))
            rapport.Erreurs.Add(new ErreurLigne(1, c, "Colonne obligatoire absente de l'en-tête."));
        if (rapport.Erreurs.Count > 0) return rapport;

        var colonnes = new PositionsColonnes(csv);
        var numeros = new Dictionary<string, int>(StringComparer.Ordinal);
        var bloc = new List<LigneBrute>(TailleBloc);
        while (true)
        {
            var debut = csv.Ligne + 1;
            try
            {
                if (!csv.Lire()) break;
            }
            catch (FormatException e)
            {
                AnalyserBloc(bloc, contexte, rapport, options);
                rapport.Erreurs.Add(new ErreurLigne(debut, "(ligne)", $"Ligne CSV mal formée : {e.Message}."));
                return rapport;
            }
            var lecture = new Lecture(csv.Champs, colonnes, debut, []);
            if (lecture.Vide()) continue;
            rapport.Lignes++;
            // The number is checked here, in file order: "already on line N" needs the lines before.
            var numero = LireNumero(lecture, numeros);
            bloc.Add(new LigneBrute(lecture, numero));
            if (bloc.Count == TailleBloc) AnalyserBloc(bloc, contexte, rapport, options);
        }
        AnalyserBloc(bloc, contexte, rapport, options);
        return rapport;
    }

    /// <summary>Lines analysed together: they are independent once their number is checked, so they are read in parallel.</summary>
    private const int TailleBloc = 4_096;

    private sealed record LigneBrute(Lecture Lecture, NumeroUnique? Numero);

    /// <summary>Analyses a block of lines on every core, then appends errors and valid demands in file order.</summary>
    private static void AnalyserBloc(List<LigneBrute> bloc, ContexteAnalyse contexte, RapportAnalyse rapport, ParallelOptions options)
    {
        if (bloc.Count == 0) return;
        var resultats = new DemandeLue?[bloc.Count];
        if (bloc.Count < 64 || options.MaxDegreeOfParallelism == 1)
            for (var i = 0; i < bloc.Count; i++) resultats[i] = LireLigne(bloc[i].Lecture, bloc[i].Numero, contexte);
        else Parallel.For(0, bloc.Count, options, i => resultats[i] = LireLigne(bloc[i].Lecture, bloc[i].Numero, contexte));
        for (var i = 0; i < bloc.Count; i++)
        {
            rapport.Erreurs.AddRange(bloc[i].Lecture.Erreurs);
            if (resultats[i] is { } demande) rapport.Valides.Add(demande);
        }
        bloc.Clear();
    }

    private static NumeroUnique? LireNumero(Lecture l, Dictionary<string, int> numeros)
    {
        var brutNumero = l.Champ(Numero);
        if (brutNumero.Length == 0) return null;
        if (!NumeroUnique.TryParse(brutNumero, out var n)) l.Erreur(Numero, $"« {brutNumero} » n'est pas un numéro unique valide (département, année, numéro d'ordre, clé).");
        else if (numeros.TryGetValue(n.Valeur, out var premiere)) l.Erreur(Numero, $"Le numéro {n.Valeur} figure déjà ligne {premiere} du fichier.");
        else
        {
            numeros[n.Valeur] = l.Ligne;
            return n;
        }
        return null;
    }

    /// <summary>One line (its number already checked by <see cref="LireNumero"/>); thread-safe: it only touches its own <see cref="Lecture"/>.</summary>
    private static DemandeLue? LireLigne(Lecture l, NumeroUnique? numero, ContexteAnalyse contexte)
    {
        // The number's errors, found before, count as errors of this line (as when it was read here).
        const int erreursAvant = 0;
        var depot = l.Date(DateDepot, obligatoire: false);
        if (depot > contexte.Aujourdhui) l.Erreur(DateDepot, $"La date de dépôt {Date(depot.Value)} est postérieure à aujourd'hui.");
        var canal = l.Enumere<CanalDepot>(Canal, obligatoire: false) ?? CanalDepot.Guichet;

        var personnes = new List<PersonneALoger>();
        for (var i = 1; i <= PersonnesMaximum; i++)
        {
            var groupe = ColonnesDesPersonnes[i];
            if (!l.Presente(groupe[0]) || (i > 1 && groupe.All(c => l.Champ(c).Length == 0))) continue;
            if (LirePersonne(l, i) is { } p) personnes.Add(p);
        }
        if (l.Erreurs.Count == erreursAvant && !personnes.Any(p => p.Lien == LienPersonne.Demandeur))
            l.Erreur(Colonne(1, Lien), "Aucune personne n'est désignée comme demandeur.");

        var ligne1 = l.Obligatoire(AdresseLigne1, "L'adresse (voie) est obligatoire.");
        var ligne2 = l.Champ(AdresseLigne2);
        var codePostal = l.Obligatoire(CodePostal, "Le code postal est obligatoire.");
        if (codePostal.Length > 0 && (codePostal.Length != 5 || !codePostal.All(char.IsAsciiDigit)))
            l.Erreur(CodePostal, $"Le code postal « {codePostal} » doit compter 5 chiffres.");
        var communeAdresse = l.Obligatoire(CommuneAdresse, "La commune de l'adresse est obligatoire.");
        var telephone = l.Champ(Telephone);
        var courriel = l.Champ(Courriel);
        if (courriel.Length > 0 && !courriel.Contains('@', StringComparison.Ordinal)) l.Erreur(Courriel, $"« {courriel} » n'est pas une adresse électronique.");
        var accepte = l.Booleen(AccepteCourriel);
        var familiale = l.Enumere<SituationFamiliale>(FormatFichierDemandes.SituationFamiliale, obligatoire: true);
        var rfr = l.Montant(RevenuFiscal, "Le revenu fiscal de référence");

        var statut = l.Enumere<StatutLogementActuel>(LogementStatut, obligatoire: true);
        CodeInsee? communeActuelle = null;
        var brutCommune = l.Champ(LogementCommune);
        if (brutCommune.Length > 0)
        {
            if (CodeInsee.TryCreate(brutCommune, out var c)) communeActuelle = c;
            else l.Erreur(LogementCommune, $"« {brutCommune} » n'est pas un code INSEE de commune (5 caractères, ex. 83137).");
        }
        var loyer = l.Montant(LogementLoyer, "Le loyer actuel");
        var surface = l.Nombre(LogementSurface);
        if (surface <= 0) l.Erreur(LogementSurface, "La surface du logement actuel doit être positive.");

        var motifs = new List<MotifDemande>();
        foreach (var m in l.Liste(Motifs))
        {
            if (Lecture.EnumereValeur<MotifDemande>(m) is { } motif) { if (!motifs.Contains(motif)) motifs.Add(motif); }
            else l.Erreur(Motifs, $"Motif inconnu « {m} ».");
        }
        if (motifs.Count == 0 && !l.ErreurSur(Motifs)) l.Erreur(Motifs, "La demande doit indiquer au moins un motif.");
        var principal = l.Enumere<MotifDemande>(MotifPrincipal, obligatoire: false) ?? (motifs.Count > 0 ? motifs[0] : null);
        if (principal is { } pr && !motifs.Contains(pr)) motifs.Insert(0, pr);

        var typologies = new List<Typologie>();
        foreach (var t in l.Liste(FormatFichierDemandes.Typologies))
        {
            if (Domain.Patrimoine.Typologies.TryParse(t, out var typo)) { if (!typologies.Contains(typo)) typologies.Add(typo); }
            else l.Erreur(FormatFichierDemandes.Typologies, $"Typologie inconnue « {t} » (T1 à T6).");
        }
        if (typologies.Count == 0 && !l.ErreurSur(FormatFichierDemandes.Typologies))
            l.Erreur(FormatFichierDemandes.Typologies, "La demande doit indiquer au moins une typologie.");
        var toutEpci = l.Booleen(ToutEpci);
        var communes = new List<CodeInsee>();
        foreach (var c in l.Liste(CommunesSouhaitees))
        {
            if (!CodeInsee.TryCreate(c, out var code)) l.Erreur(CommunesSouhaitees, $"« {c} » n'est pas un code INSEE de commune.");
            else if (!contexte.CommunesEpci.Contains(code.Value))
                l.Erreur(CommunesSouhaitees, $"La commune {code.Value} n'appartient pas à l'intercommunalité {contexte.Epci.Value}.");
            else if (!communes.Contains(code)) communes.Add(code);
        }
        var loyerMax = l.Montant(LoyerMaximum, "Le loyer maximum souhaité");
        var etage = l.Entier(EtageMaximum);
        var ascenseur = l.Booleen(Ascenseur);
        var pmr = l.Booleen(AccessiblePmr);
        BesoinsHandicap? handicap = null;
        var besoins = l.Liste(FormatFichierDemandes.Handicap);
        if (besoins.Count > 0)
        {
            foreach (var b in besoins.Where(b => b is not ("fauteuil" or "mobilite" or "autre")))
                l.Erreur(FormatFichierDemandes.Handicap, $"Besoin « {b} » inconnu (fauteuil, mobilite, autre).");
            handicap = new BesoinsHandicap(besoins.Contains("fauteuil"), besoins.Contains("mobilite"), besoins.Contains("autre"));
        }
        if (l.Erreurs.Count > erreursAvant) return null;

        var contenu = ContenuDemande.Creer(personnes,
            new Coordonnees(new AdressePostale(ligne1, ligne2.Length == 0 ? null : ligne2, codePostal, communeAdresse),
                telephone.Length == 0 ? null : telephone, courriel.Length == 0 ? null : courriel, accepte),
            familiale!.Value, rfr, new LogementActuel(statut!.Value, communeActuelle, loyer, surface), motifs, principal!.Value,
            new Souhaits(typologies, communes, toutEpci, loyerMax, etage, ascenseur, pmr), handicap);
        if (!contenu.EstReussi)
        {
            l.Erreur("(demande)", contenu.Motif!);
            return null;
        }
        // The registration rules themselves (births before the deposit date…), on a throwaway number.
        var jour = depot ?? contexte.Aujourdhui;
        var essai = Demande.Enregistrer(new DemandeId(Guid.Empty), NumeroFictif, contenu.Valeur, canal, jour,
            new DateTimeOffset(contexte.Aujourdhui.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero), ActeurFictif);
        if (!essai.EstReussi)
        {
            l.Erreur(DateDepot, essai.Motif!);
            return null;
        }
        return new DemandeLue(l.Ligne, numero, contenu.Valeur, canal, jour);
    }

    private static PersonneALoger? LirePersonne(Lecture l, int i)
    {
        var erreursAvant = l.Erreurs.Count;
        var groupe = ColonnesDesPersonnes[i];
        string C(string s) => groupe[Array.IndexOf(ColonnesPersonne, s)];
        var qui = i == 1 ? "du demandeur" : $"de la personne {i}";
        var nom = l.Obligatoire(C(Nom), $"Le nom {qui} est obligatoire.");
        var prenoms = l.Obligatoire(C(Prenoms), $"Le prénom {qui} est obligatoire.");
        var naissance = l.Date(C(DateNaissance), obligatoire: true);
        LienPersonne? lien = l.Champ(C(Lien)).Length == 0 && i == 1 ? LienPersonne.Demandeur : l.Enumere<LienPersonne>(C(Lien), obligatoire: true);
        var sexe = l.Enumere<Domain.Demandes.Sexe>(C(FormatFichierDemandes.Sexe), obligatoire: false);
        var nationalite = l.Enumere<Domain.Demandes.Nationalite>(C(FormatFichierDemandes.Nationalite), obligatoire: false);
        Domain.Demandes.Nir? nir = null;
        var brutNir = l.Champ(C(FormatFichierDemandes.Nir));
        if (brutNir.Length > 0)
        {
            if (Domain.Demandes.Nir.TryCreate(brutNir, out var n)) nir = n;
            // Never echo the NIR in the report (DATA-PROTECTION §2, item 4).
            else l.Erreur(C(FormatFichierDemandes.Nir), "Le NIR n'est pas valide (15 caractères, clé de contrôle fausse).");
        }
        var situation = l.Enumere<SituationProfessionnelle>(C(SituationPro), obligatoire: false);
        var ressources = new List<Ressource>();
        foreach (var r in l.Liste(C(Ressources)))
        {
            var egal = r.IndexOf('=', StringComparison.Ordinal);
            var type = egal > 0 ? Lecture.EnumereValeur<TypeRessource>(r[..egal]) : null;
            if (type is null) { l.Erreur(C(Ressources), $"Ressource « {r} » mal écrite (Type=montant, ex. Salaire=1450.50)."); continue; }
            if (!Lecture.TryDecimal(r[(egal + 1)..], out var montant)) l.Erreur(C(Ressources), $"Le montant « {r[(egal + 1)..]} » n'est pas un nombre.");
            else if (montant < 0) l.Erreur(C(Ressources), $"Le montant de la ressource {type} ne peut pas être négatif.");
            else if (ressources.Any(x => x.Type == type)) l.Erreur(C(Ressources), $"La ressource {type} est déclarée deux fois.");
            else ressources.Add(new Ressource(type.Value, montant));
        }
        if (l.Erreurs.Count > erreursAvant) return null;
        return new PersonneALoger(nom, prenoms, naissance!.Value, lien!.Value, sexe, nationalite, nir, situation, ressources);
    }

    /// <summary>The person column names p1_nom… by person (index 1 to <see cref="PersonnesMaximum"/>), in <see cref="ColonnesPersonne"/> order.</summary>
    private static readonly string[][] ColonnesDesPersonnes =
        [[], .. Enumerable.Range(1, PersonnesMaximum).Select(i => ColonnesPersonne.Select(c => Colonne(i, c)).ToArray())];

    /// <summary>Where each column of the header is (looked up once per file, shared by the lines analysed in parallel).</summary>
    private sealed class PositionsColonnes(CsvLecteur csv)
    {
        private readonly Dictionary<string, int> _positions = csv.Colonnes.ToDictionary(c => c, csv.Position, StringComparer.Ordinal);

        public int[] Toutes { get; } = [.. csv.Colonnes.Select(csv.Position)];

        public int Position(string colonne) => _positions.GetValueOrDefault(colonne, -1);
    }

    /// <summary>Reading the fields of one line (its own copy of the fields, its own errors), each error naming its column.</summary>
    private sealed class Lecture(string[] champs, PositionsColonnes colonnes, int ligne, List<ErreurLigne> erreurs)
    {
        public int Ligne => ligne;
        public List<ErreurLigne> Erreurs => erreurs;

        public bool Presente(string colonne) => colonnes.Position(colonne) >= 0;
        public string Champ(string colonne) => colonnes.Position(colonne) is var i and >= 0 && i < champs.Length ? champs[i].Trim() : "";
        public bool Vide() => colonnes.Toutes.All(i => i >= champs.Length || champs[i].Length == 0);
        public void Erreur(string colonne, string motif) => erreurs.Add(new ErreurLigne(ligne, colonne, motif));
        public bool ErreurSur(string colonne) => erreurs.Any(e => e.Colonne == colonne);

        public string Obligatoire(string colonne, string motif)
        {
            var v = Champ(colonne);
            if (v.Length == 0) Erreur(colonne, motif);
            return v;
        }

        public List<string> Liste(string colonne) =>
            [.. Champ(colonne).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

        public DateOnly? Date(string colonne, bool obligatoire)
        {
            var v = Champ(colonne);
            if (v.Length == 0)
            {
                if (obligatoire) Erreur(colonne, "La date est obligatoire (AAAA-MM-JJ).");
                return null;
            }
            if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Erreur(colonne, $"« {v} » n'est pas une date valide (AAAA-MM-JJ).");
            return null;
        }

        public T? Enumere<T>(string colonne, bool obligatoire)
            where T : struct, Enum
        {
            var v = Champ(colonne);
            if (v.Length == 0)
            {
                if (obligatoire) Erreur(colonne, "La valeur est obligatoire.");
                return null;
            }
            if (EnumereValeur<T>(v) is { } e) return e;
            Erreur(colonne, $"Valeur « {v} » inconnue ; valeurs admises : {string.Join(", ", Enum.GetNames<T>())}.");
            return null;
        }

        public static T? EnumereValeur<T>(string v)
            where T : struct, Enum =>
            v.Length > 0 && !v.All(char.IsAsciiDigit) && Enum.TryParse<T>(v, true, out var e) && Enum.IsDefined(e) ? e : null;

        public static bool TryDecimal(string v, out decimal d) =>
            decimal.TryParse(v.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out d);

        public decimal? Nombre(string colonne)
        {
            var v = Champ(colonne);
            if (v.Length == 0) return null;
            if (TryDecimal(v, out var d)) return d;
            Erreur(colonne, $"« {v} » n'est pas un nombre (ex. 650.50).");
            return null;
        }

        public decimal? Montant(string colonne, string libelle)
        {
            var d = Nombre(colonne);
            if (d < 0) { Erreur(colonne, $"{libelle} ne peut pas être négatif."); return null; }
            return d;
        }

        public int? Entier(string colonne)
        {
            var v = Champ(colonne);
            if (v.Length == 0) return null;
            if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            Erreur(colonne, $"« {v} » n'est pas un nombre entier positif.");
            return null;
        }

        public bool Booleen(string colonne)
        {
            var v = Champ(colonne).ToLowerInvariant();
            switch (v)
            {
                case "" or "non" or "false" or "0": return false;
                case "oui" or "true" or "1": return true;
                default:
                    Erreur(colonne, $"« {v} » : la valeur vaut oui ou non.");
                    return false;
            }
        }
    }
}
