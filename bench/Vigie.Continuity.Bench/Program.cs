using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Vigie.Continuity.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
