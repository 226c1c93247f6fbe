using System.Globalization;
using System.Runtime.CompilerServices;
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

    /// <summary>The valid demands, kept by an analysis alone (a direct import hands them over to the writing instead: see <see cref="NombreValides"/>).</summary>
    public List<DemandeLue> Valides { get; } = [];

    /// <summary>Valid demands handed over to the writing as they were read, not kept in <see cref="Valides"/>.</summary>
    internal int Remises { get; set; }

    /// <summary>How many lines are valid demands.</summary>
    public int NombreValides => Valides.Count + Remises;

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
    /// <param name="parallelisme">Cores used to analyse the lines (all by default; 1 for the single-core benchmark figure).</param>
    public static RapportAnalyse Analyser(TextReader texte, ContexteAnalyse contexte, int parallelisme = -1) =>
        Analyser(texte, contexte, new Suite(null, 0, parallelisme, default));

    /// <summary>
    /// The same analysis, handing over the valid demands as it goes: <paramref name="lot"/> receives them in file order, by
    /// <paramref name="taille"/>, as long as no line is broken. After the first error nothing more is handed over, but every
    /// line is still analysed: the report is the one <see cref="Analyser(TextReader, ContexteAnalyse, int)"/> gives.
    /// </summary>
    internal static RapportAnalyse Analyser(TextReader texte, ContexteAnalyse contexte, int taille, Action<DemandeLue[]> lot, CancellationToken ct) =>
        Analyser(texte, contexte, new Suite(lot, taille, -1, ct));

    /// <summary>
    /// Where the valid demands go while the file is analysed: into the report, or, with a batch action, handed over by
    /// <c>taille</c> as long as no line is broken, and only counted in the report (they are not kept: a direct import of a large
    /// file would otherwise hold every demand until its end).
    /// </summary>
    private sealed class Suite(Action<DemandeLue[]>? lot, int taille, int parallelisme, CancellationToken ct)
    {
        private readonly List<DemandeLue> _enAttente = [];

        public ParallelOptions Options { get; } = new() { MaxDegreeOfParallelism = parallelisme, CancellationToken = ct };
        public CancellationToken Annulation => ct;

        /// <summary>A valid demand, in file order, after the errors of its line and of the lines before.</summary>
        public void Ajouter(RapportAnalyse rapport, DemandeLue demande)
        {
            if (lot is null)
            {
                rapport.Valides.Add(demande);
                return;
            }
            rapport.Remises++;
            if (rapport.Erreurs.Count == 0) _enAttente.Add(demande);
        }

        /// <summary>Hands over the valid demands waiting, by full batches (all of them when <paramref name="fin"/>), while the file has no error.</summary>
        public void Remettre(RapportAnalyse rapport, bool fin)
        {
            if (lot is null) return;
            if (rapport.Erreurs.Count > 0)
            {
                _enAttente.Clear();
                return;
            }
            if (_enAttente.Count < taille && !(fin && _enAttente.Count > 0)) return;
            lot([.. _enAttente]);
            _enAttente.Clear();
        }
    }

    // Called once per file over every line: compiled optimised from the start rather than from the unoptimised tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RapportAnalyse Analyser(TextReader texte, ContexteAnalyse contexte, Suite suite)
    {
        var rapport = new RapportAnalyse();
        if (LireEntete(texte, rapport) is not { } csv) return rapport;

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
                AnalyserBloc(bloc, contexte, rapport, suite);
                rapport.Erreurs.Add(new ErreurLigne(debut, "(ligne)", $"Ligne CSV mal formée : {e.Message}."));
                return rapport;
            }
            var lecture = new Lecture(csv.Champs, colonnes, debut);
            if (lecture.Vide()) continue;
            rapport.Lignes++;
            // The number is checked here, in file order: "already on line N" needs the lines before.
            var numero = LireNumero(lecture, numeros);
            bloc.Add(new LigneBrute(lecture, numero));
            if (bloc.Count == TailleBloc) AnalyserBloc(bloc, contexte, rapport, suite);
        }
        AnalyserBloc(bloc, contexte, rapport, suite);
        suite.Remettre(rapport, fin: true);
        return rapport;
    }

    /// <summary>Reads the header and checks its columns; null (the errors in the report) when it is unusable.</summary>
    private static CsvLecteur? LireEntete(TextReader texte, RapportAnalyse rapport)
    {
        CsvLecteur csv;
        try
        {
            csv = new CsvLecteur(texte);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException)
        {
            rapport.Erreurs.Add(new ErreurLigne(1, "(en-tête)", e is ArgumentException ? "L'en-tête contient deux fois la même colonne." : e.Message));
            return null;
        }
        var connues = new HashSet<string>(ColonnesLigne, StringComparer.Ordinal);
        for (var i = 1; i <= PersonnesMaximum; i++)
            foreach (var c in ColonnesPersonne) connues.Add(Colonne(i, c));
        foreach (var c in csv.Colonnes.Where(c => !connues.Contains(c)))
            rapport.Erreurs.Add(new ErreurLigne(1, c, "Colonne inconnue du format des demandes (docs/import-demandes.md)."));
        foreach (var c in ColonnesObligatoires.Where(c => !csv.Colonnes.Contains(c)))
            rapport.Erreurs.Add(new ErreurLigne(1, c, "Colonne obligatoire absente de l'en-tête."));
        return rapport.Erreurs.Count > 0 ? null : csv;
    }

    /// <summary>
    /// The number of each line of the file (null when the line has none), in file order, read without analysing the rest
    /// of the line: what the numbering needs before the first demand is written. Null when the header, the CSV or a number
    /// is broken: the file will be refused, and <see cref="Analyser(TextReader, ContexteAnalyse, int)"/> tells why.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static List<NumeroUnique?>? LireNumeros(TextReader texte)
    {
        var rapport = new RapportAnalyse();
        if (LireEntete(texte, rapport) is not { } csv) return null;
        var position = csv.Position(Numero);
        var vus = new HashSet<string>(StringComparer.Ordinal);
        var numeros = new List<NumeroUnique?>();
        try
        {
            // What Analyser reads of each line before its analysis (empty line skipped, LireNumero), each error making the file refused.
            while (csv.LireUnChamp(position, out var champ, out var vide))
            {
                if (vide) continue;
                var brut = champ.Trim();
                if (brut.Length == 0) numeros.Add(null);
                else if (NumeroUnique.TryParse(brut, out var n) && vus.Add(n.Valeur)) numeros.Add(n);
                else return null;
            }
        }
        catch (FormatException)
        {
            return null;
        }
        return numeros;
    }

    /// <summary>
    /// Lines analysed together: they are independent once their number is checked, so they are read in parallel. A small
    /// block keeps its raw fields short-lived (a block of 4 096 lines outlived several collections of the young generation,
    /// which then copied every field of the block).
    /// </summary>
    private const int TailleBloc = 512;

    private sealed record LigneBrute(Lecture Lecture, NumeroUnique? Numero);

    /// <summary>Analyses a block of lines on every core, then appends errors and valid demands in file order.</summary>
    private static void AnalyserBloc(List<LigneBrute> bloc, ContexteAnalyse contexte, RapportAnalyse rapport, Suite suite)
    {
        if (bloc.Count == 0) return;
        suite.Annulation.ThrowIfCancellationRequested();
        var options = suite.Options;
        var resultats = new DemandeLue?[bloc.Count];
        if (bloc.Count < 64 || options.MaxDegreeOfParallelism == 1)
            for (var i = 0; i < bloc.Count; i++) resultats[i] = LireLigne(bloc[i].Lecture, bloc[i].Numero, contexte);
        else Parallel.For(0, bloc.Count, options, i => resultats[i] = LireLigne(bloc[i].Lecture, bloc[i].Numero, contexte));
        for (var i = 0; i < bloc.Count; i++)
        {
            rapport.Erreurs.AddRange(bloc[i].Lecture.Erreurs);
            if (resultats[i] is { } demande) suite.Ajouter(rapport, demande);
        }
        bloc.Clear();
        suite.Remettre(rapport, fin: false);
    }

    private static NumeroUnique? LireNumero(Lecture l, Dictionary<string, int> numeros)
    {
        var colonne = l.Colonnes.Numero;
        var brutNumero = l.Champ(colonne);
        if (brutNumero.Length == 0) return null;
        if (!NumeroUnique.TryParse(brutNumero, out var n)) l.Erreur(colonne, $"« {brutNumero} » n'est pas un numéro unique valide (département, année, numéro d'ordre, clé).");
        else if (numeros.TryGetValue(n.Valeur, out var premiere)) l.Erreur(colonne, $"Le numéro {n.Valeur} figure déjà ligne {premiere} du fichier.");
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
        var k = l.Colonnes;
        var depot = l.Date(k.DateDepot, obligatoire: false);
        if (depot > contexte.Aujourdhui) l.Erreur(k.DateDepot, $"La date de dépôt {Date(depot.Value)} est postérieure à aujourd'hui.");
        var canal = l.Enumere<CanalDepot>(k.Canal, obligatoire: false) ?? CanalDepot.Guichet;

        var personnes = new List<PersonneALoger>();
        for (var i = 1; i <= PersonnesMaximum; i++)
        {
            var groupe = k.Personnes[i];
            if (!Lecture.Presente(groupe[0]) || (i > 1 && l.Vides(groupe))) continue;
            if (LirePersonne(l, i) is { } p) personnes.Add(p);
        }
        if (l.NombreErreurs == erreursAvant && !personnes.Exists(p => p.Lien == LienPersonne.Demandeur))
            l.Erreur(k.Personnes[1][PLien], "Aucune personne n'est désignée comme demandeur.");

        var ligne1 = l.Obligatoire(k.AdresseLigne1, "L'adresse (voie) est obligatoire.");
        var ligne2 = l.Champ(k.AdresseLigne2);
        var codePostal = l.Obligatoire(k.CodePostal, "Le code postal est obligatoire.");
        if (codePostal.Length > 0 && (codePostal.Length != 5 || codePostal.AsSpan().ContainsAnyExceptInRange('0', '9')))
            l.Erreur(k.CodePostal, $"Le code postal « {codePostal} » doit compter 5 chiffres.");
        var communeAdresse = l.Obligatoire(k.CommuneAdresse, "La commune de l'adresse est obligatoire.");
        var telephone = l.Champ(k.Telephone);
        var courriel = l.Champ(k.Courriel);
        if (courriel.Length > 0 && !courriel.Contains('@', StringComparison.Ordinal)) l.Erreur(k.Courriel, $"« {courriel} » n'est pas une adresse électronique.");
        var accepte = l.Booleen(k.AccepteCourriel);
        var familiale = l.Enumere<SituationFamiliale>(k.SituationFamiliale, obligatoire: true);
        var rfr = l.Montant(k.RevenuFiscal, "Le revenu fiscal de référence");

        var statut = l.Enumere<StatutLogementActuel>(k.LogementStatut, obligatoire: true);
        CodeInsee? communeActuelle = null;
        var brutCommune = l.Champ(k.LogementCommune);
        if (brutCommune.Length > 0)
        {
            if (CodeInsee.TryCreate(brutCommune, out var c)) communeActuelle = c;
            else l.Erreur(k.LogementCommune, $"« {brutCommune} » n'est pas un code INSEE de commune (5 caractères, ex. 83137).");
        }
        var loyer = l.Montant(k.LogementLoyer, "Le loyer actuel");
        var surface = l.Nombre(k.LogementSurface);
        if (surface <= 0) l.Erreur(k.LogementSurface, "La surface du logement actuel doit être positive.");

        var motifs = new List<MotifDemande>();
        foreach (var m in l.Liste(k.Motifs))
        {
            if (Lecture.EnumereValeur<MotifDemande>(m) is { } motif) { if (!motifs.Contains(motif)) motifs.Add(motif); }
            else l.Erreur(k.Motifs, $"Motif inconnu « {m} ».");
        }
        if (motifs.Count == 0 && !l.ErreurSur(k.Motifs)) l.Erreur(k.Motifs, "La demande doit indiquer au moins un motif.");
        var principal = l.Enumere<MotifDemande>(k.MotifPrincipal, obligatoire: false) ?? (motifs.Count > 0 ? motifs[0] : null);
        if (principal is { } pr && !motifs.Contains(pr)) motifs.Insert(0, pr);

        var typologies = new List<Typologie>();
        foreach (var t in l.Liste(k.Typologies))
        {
            if (Domain.Patrimoine.Typologies.TryParse(t, out var typo)) { if (!typologies.Contains(typo)) typologies.Add(typo); }
            else l.Erreur(k.Typologies, $"Typologie inconnue « {t} » (T1 à T6).");
        }
        if (typologies.Count == 0 && !l.ErreurSur(k.Typologies))
            l.Erreur(k.Typologies, "La demande doit indiquer au moins une typologie.");
        var toutEpci = l.Booleen(k.ToutEpci);
        var communes = new List<CodeInsee>();
        foreach (var c in l.Liste(k.CommunesSouhaitees))
        {
            if (!CodeInsee.TryCreate(c, out var code)) l.Erreur(k.CommunesSouhaitees, $"« {c} » n'est pas un code INSEE de commune.");
            else if (!contexte.CommunesEpci.Contains(code.Value))
                l.Erreur(k.CommunesSouhaitees, $"La commune {code.Value} n'appartient pas à l'intercommunalité {contexte.Epci.Value}.");
            else if (!communes.Contains(code)) communes.Add(code);
        }
        var loyerMax = l.Montant(k.LoyerMaximum, "Le loyer maximum souhaité");
        var etage = l.Entier(k.EtageMaximum);
        var ascenseur = l.Booleen(k.Ascenseur);
        var pmr = l.Booleen(k.AccessiblePmr);
        BesoinsHandicap? handicap = null;
        var besoins = l.Liste(k.Handicap);
        if (besoins.Length > 0)
        {
            foreach (var b in besoins)
            {
                if (b is not ("fauteuil" or "mobilite" or "autre"))
                    l.Erreur(k.Handicap, $"Besoin « {b} » inconnu (fauteuil, mobilite, autre).");
            }
            handicap = new BesoinsHandicap(besoins.Contains("fauteuil"), besoins.Contains("mobilite"), besoins.Contains("autre"));
        }
        if (l.NombreErreurs > erreursAvant) return null;

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
        // The registration rules themselves (births before the deposit date…), as Demande.Enregistrer applies them at the end of today.
        var jour = depot ?? contexte.Aujourdhui;
        var refus = Demande.RefusEnregistrement(contenu.Valeur, jour, new DateTimeOffset(contexte.Aujourdhui.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero));
        if (refus is not null)
        {
            l.Erreur(k.DateDepot, refus);
            return null;
        }
        return new DemandeLue(l.Ligne, numero, contenu.Valeur, canal, jour);
    }

    // Positions of the person columns in ColonnesPersonne (and in each group of PositionsColonnes.Personnes).
    private static readonly int PNom = Array.IndexOf(ColonnesPersonne, Nom), PPrenoms = Array.IndexOf(ColonnesPersonne, Prenoms),
        PDateNaissance = Array.IndexOf(ColonnesPersonne, DateNaissance), PLien = Array.IndexOf(ColonnesPersonne, Lien),
        PSexe = Array.IndexOf(ColonnesPersonne, FormatFichierDemandes.Sexe), PNationalite = Array.IndexOf(ColonnesPersonne, FormatFichierDemandes.Nationalite),
        PNir = Array.IndexOf(ColonnesPersonne, FormatFichierDemandes.Nir), PSituationPro = Array.IndexOf(ColonnesPersonne, SituationPro),
        PRessources = Array.IndexOf(ColonnesPersonne, Ressources);

    private static string Qui(int i) => i == 1 ? "du demandeur" : $"de la personne {i}";

    private static PersonneALoger? LirePersonne(Lecture l, int i)
    {
        var erreursAvant = l.NombreErreurs;
        var groupe = l.Colonnes.Personnes[i];
        var nom = l.Champ(groupe[PNom]);
        if (nom.Length == 0) l.Erreur(groupe[PNom], $"Le nom {Qui(i)} est obligatoire.");
        var prenoms = l.Champ(groupe[PPrenoms]);
        if (prenoms.Length == 0) l.Erreur(groupe[PPrenoms], $"Le prénom {Qui(i)} est obligatoire.");
        var naissance = l.Date(groupe[PDateNaissance], obligatoire: true);
        LienPersonne? lien = i == 1 && l.EstVide(groupe[PLien]) ? LienPersonne.Demandeur : l.Enumere<LienPersonne>(groupe[PLien], obligatoire: true);
        var sexe = l.Enumere<Domain.Demandes.Sexe>(groupe[PSexe], obligatoire: false);
        var nationalite = l.Enumere<Domain.Demandes.Nationalite>(groupe[PNationalite], obligatoire: false);
        Domain.Demandes.Nir? nir = null;
        var brutNir = l.Champ(groupe[PNir]);
        if (brutNir.Length > 0)
        {
            if (Domain.Demandes.Nir.TryCreate(brutNir, out var n)) nir = n;
            // Never echo the NIR in the report (docs/protection-des-donnees.md §2, item 4).
            else l.Erreur(groupe[PNir], "Le NIR n'est pas valide (15 caractères, clé de contrôle fausse).");
        }
        var situation = l.Enumere<SituationProfessionnelle>(groupe[PSituationPro], obligatoire: false);
        var ressources = new List<Ressource>();
        var colonneRessources = groupe[PRessources];
        foreach (var r in l.Liste(colonneRessources))
        {
            var egal = r.IndexOf('=', StringComparison.Ordinal);
            var type = egal > 0 ? Lecture.EnumereValeur<TypeRessource>(r[..egal]) : null;
            if (type is not { } t) { l.Erreur(colonneRessources, $"Ressource « {r} » mal écrite (Type=montant, ex. Salaire=1450.50)."); continue; }
            if (!Lecture.TryDecimal(r[(egal + 1)..], out var montant)) l.Erreur(colonneRessources, $"Le montant « {r[(egal + 1)..]} » n'est pas un nombre.");
            else if (montant < 0) l.Erreur(colonneRessources, $"Le montant de la ressource {t} ne peut pas être négatif.");
            else if (Declaree(ressources, t)) l.Erreur(colonneRessources, $"La ressource {t} est déclarée deux fois.");
            else ressources.Add(new Ressource(t, montant));
        }
        if (l.NombreErreurs > erreursAvant) return null;
        return new PersonneALoger(nom, prenoms, naissance!.Value, lien!.Value, sexe, nationalite, nir, situation, ressources);
    }

    private static bool Declaree(List<Ressource> ressources, TypeRessource type)
    {
        foreach (var r in ressources)
        {
            if (r.Type == type) return true;
        }
        return false;
    }

    /// <summary>A column of the format: its name (for the report) and its position in the header (-1 when the header lacks it).</summary>
    private readonly record struct Col(string Nom, int Position);

    /// <summary>Where each column of the format is in the header, looked up once per file (shared by the lines analysed in parallel).</summary>
    private sealed class PositionsColonnes
    {
        public PositionsColonnes(CsvLecteur csv)
        {
            Toutes = [.. csv.Colonnes.Select(csv.Position)];
            Col De(string nom) => new(nom, csv.Position(nom));
            Numero = De(FormatFichierDemandes.Numero);
            DateDepot = De(FormatFichierDemandes.DateDepot);
            Canal = De(FormatFichierDemandes.Canal);
            AdresseLigne1 = De(FormatFichierDemandes.AdresseLigne1);
            AdresseLigne2 = De(FormatFichierDemandes.AdresseLigne2);
            CodePostal = De(FormatFichierDemandes.CodePostal);
            CommuneAdresse = De(FormatFichierDemandes.CommuneAdresse);
            Telephone = De(FormatFichierDemandes.Telephone);
            Courriel = De(FormatFichierDemandes.Courriel);
            AccepteCourriel = De(FormatFichierDemandes.AccepteCourriel);
            SituationFamiliale = De(FormatFichierDemandes.SituationFamiliale);
            RevenuFiscal = De(FormatFichierDemandes.RevenuFiscal);
            LogementStatut = De(FormatFichierDemandes.LogementStatut);
            LogementCommune = De(FormatFichierDemandes.LogementCommune);
            LogementLoyer = De(FormatFichierDemandes.LogementLoyer);
            LogementSurface = De(FormatFichierDemandes.LogementSurface);
            Motifs = De(FormatFichierDemandes.Motifs);
            MotifPrincipal = De(FormatFichierDemandes.MotifPrincipal);
            Typologies = De(FormatFichierDemandes.Typologies);
            CommunesSouhaitees = De(FormatFichierDemandes.CommunesSouhaitees);
            ToutEpci = De(FormatFichierDemandes.ToutEpci);
            LoyerMaximum = De(FormatFichierDemandes.LoyerMaximum);
            EtageMaximum = De(FormatFichierDemandes.EtageMaximum);
            Ascenseur = De(FormatFichierDemandes.Ascenseur);
            AccessiblePmr = De(FormatFichierDemandes.AccessiblePmr);
            Handicap = De(FormatFichierDemandes.Handicap);
            Personnes = [[], .. Enumerable.Range(1, PersonnesMaximum).Select(i => ColonnesPersonne.Select(c => De(Colonne(i, c))).ToArray())];
        }

        public int[] Toutes { get; }

        public Col Numero { get; }
        public Col DateDepot { get; }
        public Col Canal { get; }
        public Col AdresseLigne1 { get; }
        public Col AdresseLigne2 { get; }
        public Col CodePostal { get; }
        public Col CommuneAdresse { get; }
        public Col Telephone { get; }
        public Col Courriel { get; }
        public Col AccepteCourriel { get; }
        public Col SituationFamiliale { get; }
        public Col RevenuFiscal { get; }
        public Col LogementStatut { get; }
        public Col LogementCommune { get; }
        public Col LogementLoyer { get; }
        public Col LogementSurface { get; }
        public Col Motifs { get; }
        public Col MotifPrincipal { get; }
        public Col Typologies { get; }
        public Col CommunesSouhaitees { get; }
        public Col ToutEpci { get; }
        public Col LoyerMaximum { get; }
        public Col EtageMaximum { get; }
        public Col Ascenseur { get; }
        public Col AccessiblePmr { get; }
        public Col Handicap { get; }

        /// <summary>The columns p1_nom… by person (index 1 to <see cref="PersonnesMaximum"/>), in <see cref="ColonnesPersonne"/> order.</summary>
        public Col[][] Personnes { get; }
    }

    /// <summary>Reading the fields of one line (its own copy of the fields, its own errors), each error naming its column.</summary>
    private sealed class Lecture(string[] champs, PositionsColonnes colonnes, int ligne)
    {
        private List<ErreurLigne>? _erreurs;

        public int Ligne => ligne;
        public PositionsColonnes Colonnes => colonnes;
        public IReadOnlyList<ErreurLigne> Erreurs => _erreurs ?? [];
        public int NombreErreurs => _erreurs?.Count ?? 0;

        public static bool Presente(Col colonne) => colonne.Position >= 0;
        public string Champ(Col colonne) => colonne.Position is var i and >= 0 && i < champs.Length ? champs[i].Trim() : "";

        /// <summary>Same as <c>Champ(colonne).Length == 0</c>, without trimming a copy.</summary>
        public bool EstVide(Col colonne) => colonne.Position is not (var i and >= 0) || i >= champs.Length || champs[i].AsSpan().Trim().IsEmpty;

        public bool Vides(Col[] groupe)
        {
            foreach (var c in groupe)
            {
                if (!EstVide(c)) return false;
            }
            return true;
        }

        public bool Vide() => colonnes.Toutes.All(i => i >= champs.Length || champs[i].Length == 0);
        public void Erreur(Col colonne, string motif) => Erreur(colonne.Nom, motif);
        public void Erreur(string colonne, string motif) => (_erreurs ??= []).Add(new ErreurLigne(ligne, colonne, motif));
        public bool ErreurSur(Col colonne) => _erreurs is not null && _erreurs.Exists(e => e.Colonne == colonne.Nom);

        public string Obligatoire(Col colonne, string motif)
        {
            var v = Champ(colonne);
            if (v.Length == 0) Erreur(colonne, motif);
            return v;
        }

        public string[] Liste(Col colonne)
        {
            var v = Champ(colonne);
            return v.Length == 0 ? [] : v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        public DateOnly? Date(Col colonne, bool obligatoire)
        {
            var v = Champ(colonne);
            if (v.Length == 0)
            {
                if (obligatoire) Erreur(colonne, "La date est obligatoire (AAAA-MM-JJ).");
                return null;
            }
            if (DateRapide(v, out var d) || DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d)) return d;
            Erreur(colonne, $"« {v} » n'est pas une date valide (AAAA-MM-JJ).");
            return null;
        }

        /// <summary>
        /// The common case of a date, "AAAA-MM-JJ" in ASCII digits, read without the general parser; anything else (or an
        /// impossible date) is left to <see cref="DateOnly.TryParseExact(string, string, IFormatProvider, DateTimeStyles, out DateOnly)"/>, which decides.
        /// </summary>
        private static bool DateRapide(string v, out DateOnly d)
        {
            d = default;
            if (v.Length != 10 || v[4] != '-' || v[7] != '-') return false;
            var a = Chiffres(v, 0, 4);
            var m = Chiffres(v, 5, 2);
            var j = Chiffres(v, 8, 2);
            if (a < 1 || m is < 1 or > 12 || j < 1 || j > DateTime.DaysInMonth(a, m)) return false;
            d = new DateOnly(a, m, j);
            return true;
        }

        private static int Chiffres(string v, int debut, int longueur)
        {
            var n = 0;
            for (var i = debut; i < debut + longueur; i++)
            {
                if (!char.IsAsciiDigit(v[i])) return -1;
                n = n * 10 + (v[i] - '0');
            }
            return n;
        }

        public T? Enumere<T>(Col colonne, bool obligatoire)
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

        /// <summary>A value of the enumeration named (case ignored); numbers are refused. An exact name is found in a table, anything else goes through <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>.</summary>
        public static T? EnumereValeur<T>(string v)
            where T : struct, Enum =>
            NomsEnumeres<T>.Valeurs.TryGetValue(v, out var connu) ? connu
            : v.Length > 0 && v.AsSpan().ContainsAnyExceptInRange('0', '9') && Enum.TryParse<T>(v, true, out var e) && Enum.IsDefined(e) ? e : null;

        public static bool TryDecimal(string v, out decimal d) =>
            decimal.TryParse(v.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out d);

        public decimal? Nombre(Col colonne)
        {
            var v = Champ(colonne);
            if (v.Length == 0) return null;
            if (TryDecimal(v, out var d)) return d;
            Erreur(colonne, $"« {v} » n'est pas un nombre (ex. 650.50).");
            return null;
        }

        public decimal? Montant(Col colonne, string libelle)
        {
            var d = Nombre(colonne);
            if (d < 0) { Erreur(colonne, $"{libelle} ne peut pas être négatif."); return null; }
            return d;
        }

        public int? Entier(Col colonne)
        {
            var v = Champ(colonne);
            if (v.Length == 0) return null;
            if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            Erreur(colonne, $"« {v} » n'est pas un nombre entier positif.");
            return null;
        }

        public bool Booleen(Col colonne)
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

    /// <summary>The names of an enumeration, case ignored (Enum.TryParse's own comparison), each with its value.</summary>
    private static class NomsEnumeres<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<string, T> Valeurs = Construire();

        private static Dictionary<string, T> Construire()
        {
            var valeurs = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
            foreach (var nom in Enum.GetNames<T>()) valeurs.TryAdd(nom, Enum.Parse<T>(nom));
            return valeurs;
        }
    }
}
