using System.CommandLine;
using System.Globalization;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;

namespace Vigie.Cli.Admin;

/// <summary><c>vigie admin list-users | set-role | disable | enable | unlock</c>: what administrators do to accounts (also on /admin/users).</summary>
internal static partial class AdminCommand
{
    private static Command ListUsers()
    {
        var database = CommonOptions.Database();
        var command = new Command("list-users", "List the accounts: name, role, whether enabled, whether sign-in attempts are held back, open sessions.") { database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            foreach (var account in await context.Accounts.ListAccountsAsync(cancellationToken))
            {
                var user = account.User;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{user.Name,-24} {WireName<UserRole>.Of(user.Role),-12} {(user.Disabled ? "disabled" : "enabled"),-9} {(account.HeldBack ? "held-back" : "-"),-9} {account.OpenSessions} session(s)  {user.DisplayName}"));
            }

            return 0;
        }));
        return command;
    }

    private static Command SetRole()
    {
        var name = new Option<string>("--name") { Description = "The account's login name.", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", WireName<UserRole>.All)}.", Required = true };
        var database = CommonOptions.Database();
        var command = new Command("set-role", "Give an account another role; its browser sessions close at once (its API tokens act with the new role).") { name, role, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var parsed = WireName<UserRole>.ParseField("role", result.GetValue(role));
            if (!parsed.IsOk)
            {
                await Console.Error.WriteLineAsync($"vigie: {parsed.Problem.Message}");
                return 1;
            }

            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            return await ReportAsync(await context.Accounts.SetRoleAsync(result.GetValue(name)!, parsed.Value, CliContext.Actor, cancellationToken),
                u => $"{u.Name} is now {WireName<UserRole>.Of(u.Role)}");
        }));
        return command;
    }

    private static Command Disable(bool disable)
    {
        var name = new Option<string>("--name") { Description = "The account's login name.", Required = true };
        var database = CommonOptions.Database();
        var command = disable
            ? new Command("disable", "Disable an account: its sessions close and its API tokens stop at once; it can no longer sign in. The last enabled administrator cannot be disabled.") { name, database }
            : new Command("enable", "Enable a disabled account again (its unexpired tokens work again; it signs in anew).") { name, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            return await ReportAsync(await context.Accounts.SetDisabledAsync(result.GetValue(name)!, disable, CliContext.Actor, cancellationToken),
                u => $"{u.Name} is {(u.Disabled ? "disabled" : "enabled")}");
        }));
        return command;
    }

    private static Command Unlock()
    {
        var name = new Option<string>("--name") { Description = "The account's login name.", Required = true };
        var database = CommonOptions.Database();
        var command = new Command("unlock", "Lift every hold on an account's sign-in attempts, from every address (somebody else's failures held it back).") { name, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            return await ReportAsync(await context.Accounts.UnlockAsync(result.GetValue(name)!, CliContext.Actor, cancellationToken), u => $"{u.Name} can sign in again");
        }));
        return command;
    }

    private static async Task<int> ReportAsync(Result<User> result, Func<User, string> done)
    {
        if (!result.IsOk)
        {
            await Console.Error.WriteLineAsync($"vigie: {result.Problem.Message}");
            return 1;
        }

        Console.WriteLine(done(result.Value));
        return 0;
    }
}
