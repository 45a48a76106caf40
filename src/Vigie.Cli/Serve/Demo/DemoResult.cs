namespace Vigie.Cli.Serve.Demo;

/// <summary>What the demo created: its accounts (with passwords) and the exercise incident.</summary>
internal sealed record DemoResult(IReadOnlyList<DemoAccount> Accounts, long IncidentId, string HospitalName);
