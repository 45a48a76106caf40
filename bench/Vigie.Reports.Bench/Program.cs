using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Vigie.Reports.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Vigie.Reports.Bench.ReportBenchmarks).Assembly).Run(args);
