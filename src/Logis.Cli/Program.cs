using System.CommandLine;
using Logis.Cli;
using Logis.Cli.Cotation;

// The real clock, or one shifted to a chosen start (« Logis__Horloge__Depart », as the web's « Logis:Horloge:Depart »: acceptance, drills).
BaseCli.Horloge = Logis.Application.Commun.HorlogeDecalee.Depuis(Environment.GetEnvironmentVariable("Logis__Horloge__Depart"), TimeProvider.System);
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
root.Subcommands.Add(CommandesGuichets.Guichets());
root.Subcommands.Add(CommandesLieuxAccueil.LieuxAccueil());
root.Subcommands.Add(CommandesSne.Sne());
root.Subcommands.Add(CommandesRelances.Demandes());
root.Subcommands.Add(CommandesVacances.Vacances());
root.Subcommands.Add(CommandesCaleol.Caleol());
root.Subcommands.Add(CommandesMixite.Mixite());
root.Subcommands.Add(CommandesComptes.Comptes());
root.Subcommands.Add(CommandesOccupation.Occupation());
return await root.Parse(args).InvokeAsync();
