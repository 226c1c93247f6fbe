using System.CommandLine;

var root = new RootCommand("Logis : outil d'exploitation");
return root.Parse(args).Invoke();
