using System.CommandLine;
using System.Globalization;
using Vigie.Cli.Shared;

namespace Vigie.Cli.Admin;

/// <summary><c>vigie admin list-tokens</c> (create-token and revoke-token are in AdminCommand.cs).</summary>
internal static partial class AdminCommand
{
    private static Command ListTokens()
    {
        var user = new Option<string?>("--user") { Description = "Only this account's tokens." };
        var database = CommonOptions.Database();
        var command = new Command("list-tokens", "List API tokens (never the tokens themselves): number, account, name, state, created, expires, last used (UTC).") { user, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            var now = DateTimeOffset.UtcNow;
            foreach (var token in await context.Accounts.ListTokensAsync(result.GetValue(user), cancellationToken))
            {
                var state = token.RevokedAt is not null ? "revoked" : token.IsActive(now) ? "active" : "expired";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{token.Id,6} {token.UserName,-20} {state,-8} created {Day(token.CreatedAt)} expires {Day(token.ExpiresAt)} used {Day(token.LastUsedAt)}  {token.Name}"));
            }

            return 0;
        }));
        return command;
    }

    private static string Day(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "-";
}
