using BenchmarkDotNet.Running;
using Logis.Bench;

if (args is ["demandes-lot", var connexion, var nombre])
    return await GenerationDemandesLot.ExecuterAsync(connexion, int.Parse(nombre, System.Globalization.CultureInfo.InvariantCulture));
if (args is ["mixite-profil", var cnxMixite, var anneeMixite, .. var foisMixite])
    return await ProfilMixiteBanc.ExecuterAsync(cnxMixite, int.Parse(anneeMixite, System.Globalization.CultureInfo.InvariantCulture),
        foisMixite is [var f] ? int.Parse(f, System.Globalization.CultureInfo.InvariantCulture) : 5);
if (args is ["requetes-demandes", var cnx]) return await RequetesDemandesBanc.ExecuterAsync(cnx);
if (args is ["preselection", var base_, .. var reste])
    return await PreselectionBanc.ExecuterAsync(base_, reste is [var m] ? int.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : 250);
if (args.Length > 0 && args[0] == "appariement") return AppariementBanc.Executer(args[1..]);
if (args.Length > 0 && args[0] == "fichier-demandes") return await FichierDemandesBanc.ExecuterAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(FichierDemandesBanc).Assembly).Run(args);
return 0;
