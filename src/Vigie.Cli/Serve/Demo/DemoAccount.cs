using Vigie.CommandPost.Accounts;

namespace Vigie.Cli.Serve.Demo;

/// <summary>A demo account and its password (printed on the console: demo only).</summary>
internal sealed record DemoAccount(string Name, UserRole Role, string Password);
