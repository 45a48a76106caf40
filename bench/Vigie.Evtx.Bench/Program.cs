using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Vigie.Evtx.Bench -- --filter '*'
// The corpus is read from ../shared/data/evtx beside the repository (VIGIE_EVTX_CORPUS overrides).
BenchmarkSwitcher.FromAssembly(typeof(Vigie.Evtx.Bench.ParserBenchmarks).Assembly).Run(args);
