using BenchmarkDotNet.Running;
using Logis.Bench;

if (args is ["demandes-lot", var connexion, var nombre])
    return await GenerationDemandesLot.ExecuterAsync(connexion, int.Parse(nombre, System.Globalization.CultureInfo.InvariantCulture));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
