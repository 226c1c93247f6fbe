using System.Runtime.CompilerServices;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
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
public sealed record DemandeLue(int Ligne, NumeroUnique? Numero, ContenuDemande Contenu, CanalDepot Canal, DateOnly DateDepot, string? MotifDateDepot = null);

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
/// <param name="Enregistrement">The bound on the deposit date of a new registration (a line without a number); none: no bound.</param>
public sealed record ContexteAnalyse(Siren Epci, IReadOnlySet<string> CommunesEpci, DateOnly Aujourdhui, ReglesEnregistrement? Enregistrement = null);

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
        if (!NumeroUnique.TryParse(brutNumero, out var n)) l.Erreur(colonne, $"« {brutNumero} » n'est pas un numéro unique national valide (18 caractères : territoire, mois et année du premier dépôt, numéro d'ordre, guichet enregistreur).");
        else if (numeros.TryGetValue(n.Valeur, out var premiere)) l.Erreur(colonne, $"Le numéro {n.Valeur} figure déjà ligne {premiere} du fichier.");
        else
        {
            numeros[n.Valeur] = l.Ligne;
            return n;
        }
        return null;
    }

    /// <summary>
    /// One line (its number already checked by <see cref="LireNumero"/>), read as a <see cref="DemandeSaisie"/> through the column
    /// map of <see cref="FormatFichierDemandes"/>: the same validation and messages as the form and the API, each error reported
    /// on its column. Thread-safe: it only touches its own <see cref="Lecture"/>.
    /// </summary>
    private static DemandeLue? LireLigne(Lecture l, NumeroUnique? numero, ContexteAnalyse contexte)
    {
        var k = l.Colonnes;
        // What the text of a cell cannot express (a number, yes/no, a list item), keyed like the reader's errors.
        var syntaxe = new Dictionary<string, string[]>();
        var groupes = new List<int>(2);
        var personnes = new List<PersonneSaisie?>(2);
        for (var i = 1; i <= PersonnesMaximum; i++)
        {
            var groupe = k.Personnes[i];
            if (!Lecture.Presente(groupe[0]) || (i > 1 && l.Vides(groupe))) continue;
            personnes.Add(LirePersonne(l, groupe, personnes.Count, syntaxe));
            groupes.Add(i);
        }
        var saisie = new DemandeSaisie(
            personnes,
            new AdresseSaisie(l.Champ(k.AdresseLigne1), l.Champ(k.AdresseLigne2), l.Champ(k.CodePostal), l.Champ(k.CommuneAdresse)),
            l.Champ(k.Telephone), l.Champ(k.Courriel), TexteSaisi.Booleen(l.Champ(k.AccepteCourriel), "accepteCourriel", syntaxe),
            l.Champ(k.SituationFamiliale), TexteSaisi.Nombre(l.Champ(k.RevenuFiscal), "revenuFiscalReferenceN2", syntaxe),
            new LogementActuelSaisie(l.Champ(k.LogementStatut), l.Champ(k.LogementCommune),
                TexteSaisi.Nombre(l.Champ(k.LogementLoyer), "logementActuel.loyerMensuel", syntaxe), TexteSaisi.Nombre(l.Champ(k.LogementSurface), "logementActuel.surface", syntaxe),
                TexteSaisi.Nombre(l.Champ(k.LogementAide), "logementActuel.aideLogementMensuelle", syntaxe), l.Champ(k.LogementBailleur), l.Champ(k.LogementDateEntree)),
            l.Liste(k.Motifs), l.Champ(k.MotifPrincipal),
            new SouhaitsSaisie(l.Liste(k.Typologies), l.Liste(k.CommunesSouhaitees), TexteSaisi.Booleen(l.Champ(k.ToutEpci), "souhaits.toutEpci", syntaxe),
                TexteSaisi.Nombre(l.Champ(k.LoyerMaximum), "souhaits.loyerMaximum", syntaxe), TexteSaisi.Entier(l.Champ(k.EtageMaximum), "souhaits.etageMaximum", syntaxe),
                TexteSaisi.Booleen(l.Champ(k.Ascenseur), "souhaits.ascenseurNecessaire", syntaxe), TexteSaisi.Booleen(l.Champ(k.AccessiblePmr), "souhaits.accessiblePmr", syntaxe)),
            LireHandicap(l.Liste(k.Handicap), syntaxe),
            l.Champ(k.Canal), l.Champ(k.DateDepot),
            TexteSaisi.Booleen(l.Champ(k.RecoursDalo), "recoursDalo", syntaxe), l.Champ(k.DateRecoursDalo), l.Champ(k.MotifDateDepot),
            l.Champ(k.PersonneMoraleRaisonSociale).Length + l.Champ(k.PersonneMoraleSiren).Length + l.Champ(k.PersonneMoraleNature).Length == 0 ? null
                : new PersonneMoraleSaisie(l.Champ(k.PersonneMoraleRaisonSociale), l.Champ(k.PersonneMoraleSiren), l.Champ(k.PersonneMoraleNature)));
        var (contenu, erreurs) = saisie.Lire(contexte.CommunesEpci);
        var (canal, depot, motif) = saisie.LireDepot(erreurs);
        foreach (var (champ, messages) in syntaxe.Concat(erreurs))
        {
            var colonne = ColonneDe(champ, groupes);
            foreach (var m in messages) l.Erreur(colonne, m);
        }
        if (contenu is null || l.NombreErreurs > 0) return null;
        // The registration rules themselves (deposit date not after today, births before it), as Demande.Enregistrer applies them at the end of today.
        var jour = depot ?? contexte.Aujourdhui;
        var refus = Demande.RefusEnregistrement(contenu, jour, HeureFrance.A(contexte.Aujourdhui, new TimeOnly(23, 59)));
        if (refus is not null)
        {
            l.Erreur(DateDepot, refus);
            return null;
        }
        // A new registration (no number) may not be back-dated beyond the bound without a reason; a demand that already has its
        // number (from the SNE or another system) keeps its initial date (R441-2-7).
        if (numero is null && contexte.Enregistrement?.RefusDateDepot(jour, contexte.Aujourdhui, motif) is { } borne)
        {
            l.Erreur(borne.Champ == ReglesEnregistrement.ChampMotif ? FormatFichierDemandes.MotifDateDepot : DateDepot, borne.Message);
            return null;
        }
        return new DemandeLue(l.Ligne, numero, contenu, canal, jour, motif);
    }

    // Positions of the person columns in ColonnesPersonne (and in each group of PositionsColonnes.Personnes).
    private static readonly int PNom = Array.IndexOf(ColonnesPersonne, Nom), PPrenoms = Array.IndexOf(ColonnesPersonne, Prenoms),
        PDateNaissance = Array.IndexOf(ColonnesPersonne, DateNaissance), PLien = Array.IndexOf(ColonnesPersonne, Lien),
        PSexe = Array.IndexOf(ColonnesPersonne, FormatFichierDemandes.Sexe), PNationalite = Array.IndexOf(ColonnesPersonne, FormatFichierDemandes.Nationalite),
        PNir = Array.IndexOf(ColonnesPersonne, FormatFichierDemandes.Nir), PSituationPro = Array.IndexOf(ColonnesPersonne, SituationPro),
        PRessources = Array.IndexOf(ColonnesPersonne, Ressources), PCoDemandeur = Array.IndexOf(ColonnesPersonne, CoDemandeur),
        PACharge = Array.IndexOf(ColonnesPersonne, ACharge), PGarde = Array.IndexOf(ColonnesPersonne, Garde),
        PCarte = Array.IndexOf(ColonnesPersonne, CarteInvalidite), PRevenuFiscal = Array.IndexOf(ColonnesPersonne, RevenuFiscalPersonne),
        PEmployeur = Array.IndexOf(ColonnesPersonne, Employeur), PCommuneTravail = Array.IndexOf(ColonnesPersonne, CommuneTravail);

    /// <summary>A person group; its resources are written <c>Type=montant</c> separated by semicolons (ex. <c>Salaire=1450.50;Caf=120</c>).</summary>
    private static PersonneSaisie LirePersonne(Lecture l, Col[] groupe, int personne, Dictionary<string, string[]> syntaxe)
    {
        var liste = l.Liste(groupe[PRessources]);
        var ressources = new List<RessourceSaisie?>(liste.Length);
        foreach (var r in liste)
        {
            var egal = r.IndexOf('=', StringComparison.Ordinal);
            if (egal > 0 && r.AsSpan(egal + 1).Trim().IsEmpty) ressources.Add(new RessourceSaisie(r[..egal], null));
            else if (egal > 0 && TexteSaisi.Montant(r[(egal + 1)..]) is { } montant) ressources.Add(new RessourceSaisie(r[..egal], montant));
            else
            {
                var champ = DemandeSaisie.ChampPersonne(personne, "ressources");
                TexteSaisi.Ajouter(syntaxe, champ, egal <= 0 ? $"Ressource « {r} » mal écrite (Type=montant, ex. Salaire=1450.50)." : TexteSaisi.MessageNombre(champ));
            }
        }
        return new PersonneSaisie(l.Champ(groupe[PNom]), l.Champ(groupe[PPrenoms]), l.Champ(groupe[PDateNaissance]), l.Champ(groupe[PLien]),
            l.Champ(groupe[PSexe]), l.Champ(groupe[PNationalite]), l.Champ(groupe[PNir]), l.Champ(groupe[PSituationPro]), ressources,
            TexteSaisi.Booleen(l.Champ(groupe[PCoDemandeur]), DemandeSaisie.ChampPersonne(personne, "coDemandeur"), syntaxe),
            TexteSaisi.Booleen(l.Champ(groupe[PACharge]), DemandeSaisie.ChampPersonne(personne, "aCharge"), syntaxe),
            l.Champ(groupe[PGarde]),
            TexteSaisi.Booleen(l.Champ(groupe[PCarte]), DemandeSaisie.ChampPersonne(personne, "carteInvalidite"), syntaxe),
            TexteSaisi.Nombre(l.Champ(groupe[PRevenuFiscal]), DemandeSaisie.ChampPersonne(personne, "revenuFiscalReferenceN2"), syntaxe),
            l.Champ(groupe[PEmployeur]), l.Champ(groupe[PCommuneTravail]));
    }

    /// <summary>The disability needs, written <c>fauteuil</c>, <c>mobilite</c>, <c>autre</c> separated by semicolons.</summary>
    private static HandicapSaisie? LireHandicap(string[] besoins, Dictionary<string, string[]> syntaxe)
    {
        if (besoins.Length == 0) return null;
        foreach (var b in besoins)
        {
            if (b is not ("fauteuil" or "mobilite" or "autre")) TexteSaisi.Ajouter(syntaxe, "handicap", $"Besoin « {b} » inconnu (fauteuil, mobilite, autre).");
        }
        return new HandicapSaisie(besoins.Contains("fauteuil"), besoins.Contains("mobilite"), besoins.Contains("autre"));
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
            MotifDateDepot = De(FormatFichierDemandes.MotifDateDepot);
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
            LogementAide = De(FormatFichierDemandes.LogementAide);
            LogementBailleur = De(FormatFichierDemandes.LogementBailleur);
            LogementDateEntree = De(FormatFichierDemandes.LogementDateEntree);
            RecoursDalo = De(FormatFichierDemandes.RecoursDalo);
            DateRecoursDalo = De(FormatFichierDemandes.DateRecoursDalo);
            PersonneMoraleRaisonSociale = De(FormatFichierDemandes.PersonneMoraleRaisonSociale);
            PersonneMoraleSiren = De(FormatFichierDemandes.PersonneMoraleSiren);
            PersonneMoraleNature = De(FormatFichierDemandes.PersonneMoraleNature);
            Personnes = [[], .. Enumerable.Range(1, PersonnesMaximum).Select(i => ColonnesPersonne.Select(c => De(Colonne(i, c))).ToArray())];
        }

        public int[] Toutes { get; }

        public Col Numero { get; }
        public Col DateDepot { get; }
        public Col MotifDateDepot { get; }
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
        public Col LogementAide { get; }
        public Col LogementBailleur { get; }
        public Col LogementDateEntree { get; }
        public Col RecoursDalo { get; }
        public Col DateRecoursDalo { get; }
        public Col PersonneMoraleRaisonSociale { get; }
        public Col PersonneMoraleSiren { get; }
        public Col PersonneMoraleNature { get; }

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
        /// <summary>The trimmed cell, without the apostrophe that neutralises a formula in a file of the product (<see cref="CelluleCsv"/>).</summary>
        public string Champ(Col colonne) => colonne.Position is var i and >= 0 && i < champs.Length ? CelluleCsv.Lire(champs[i].Trim()) : "";

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

        public string[] Liste(Col colonne)
        {
            var v = Champ(colonne);
            return v.Length == 0 ? [] : v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }
}
