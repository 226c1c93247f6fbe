using System.CommandLine;
using Logis.Cli;
using Logis.Cli.Cotation;

BaseCli.Horloge = TimeProvider.System;
var root = new RootCommand("Logis : outil d'exploitation (base, territoires, imports, calculs en lot)");
root.Options.Add(BaseCli.OptionFournisseur);
root.Options.Add(BaseCli.OptionConnexion);
root.Subcommands.Add(CommandesTerritoire.Migrate());
root.Subcommands.Add(CommandesTerritoire.SeedDemo());
root.Subcommands.Add(CommandesEligibilite.Plafonds());
root.Subcommands.Add(CommandesEligibilite.PlafondsACharger());
root.Subcommands.Add(CommandesCotation.Cotation());
root.Subcommands.Add(CommandesFichierDemandes.Import());
root.Subcommands.Add(CommandesFichierDemandes.Export());
root.Subcommands.Add(CommandesJournal.Journal());
root.Subcommands.Add(CommandesRelances.Demandes());
return await root.Parse(args).InvokeAsync();
