using System.CommandLine;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;

namespace Vigie.Cli.Admin;

/// <summary>
/// <c>vigie admin</c>: accounts and API tokens, straight on the database (the server may be running: what is changed
/// here, a disabled account, a revoked token, a new role or password, takes effect on its next request).
/// </summary>
internal static partial class AdminCommand
{
    public static Command Create()
    {
        var command = new Command("admin", "Manage local accounts and API tokens.");
        command.Subcommands.Add(CreateUser());
        command.Subcommands.Add(ListUsers());
        command.Subcommands.Add(SetRole());
        command.Subcommands.Add(Disable(disable: true));
        command.Subcommands.Add(Disable(disable: false));
        command.Subcommands.Add(Unlock());
        command.Subcommands.Add(SetPassword());
        command.Subcommands.Add(CreateToken());
        command.Subcommands.Add(ListTokens());
        command.Subcommands.Add(RevokeToken());
        return command;
    }

    private static Command CreateUser()
    {
        var name = new Option<string>("--name") { Description = "Login name (letters, digits, '.', '-', '_').", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", WireName<UserRole>.All)}.", Required = true };
        var display = new Option<string?>("--display-name") { Description = "Name shown in the journal and pages (default: the login name)." };
        var database = CommonOptions.Database();
        var command = new Command("create-user", "Create an account. The password is read from standard input when it is redirected (first line); otherwise one is generated and printed.")
        {
            name, role, display, database,
        };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var parsedRole = WireName<UserRole>.ParseField("role", result.GetValue(role));
            if (!parsedRole.IsOk)
            {
                await Console.Error.WriteLineAsync($"vigie: {parsedRole.Problem.Message}");
                return 1;
            }

            var (password, generated) = await ReadOrGeneratePasswordAsync(result.GetValue(name), result.GetValue(display), cancellationToken);

            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            var created = await context.Accounts.CreateUserAsync(result.GetValue(name)!, result.GetValue(display), parsedRole.Value, password, CliContext.Actor, cancellationToken);
            if (!created.IsOk)
            {
                await Console.Error.WriteLineAsync($"vigie: {created.Problem.Message}");
                return 1;
            }

            Console.WriteLine($"created user {created.Value.Name} ({WireName<UserRole>.Of(created.Value.Role)})");
            if (generated)
            {
                Console.WriteLine($"password: {password}");
            }

            return 0;
        }));
        return command;
    }

    private static Command CreateToken()
    {
        var user = new Option<string>("--user") { Description = "The account the token acts as.", Required = true };
        var name = new Option<string?>("--name") { Description = "What the token is for, shown by list-tokens and on /admin/users (default: token-DATE-TIME)." };
        var days = new Option<int>("--expires-in-days") { Description = "How long the token works, in days (1 to 366).", DefaultValueFactory = _ => (int)AccountService.DefaultTokenLifetime.TotalDays };
        var database = CommonOptions.Database();
        var command = new Command("create-token", "Create an API bearer token for an account and print it on standard output (nothing else). Only its hash is stored.")
        {
            user, name, days, database,
        };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            var token = await context.Accounts.CreateTokenAsync(result.GetValue(user)!, result.GetValue(name), TimeSpan.FromDays(result.GetValue(days)), CliContext.Actor, cancellationToken);
            if (!token.IsOk)
            {
                await Console.Error.WriteLineAsync($"vigie: {token.Problem.Message}");
                return 1;
            }

            Console.WriteLine(token.Value);
            return 0;
        }));
        return command;
    }

    private static Command RevokeToken()
    {
        var user = new Option<string?>("--user") { Description = "Revoke every active token of this account." };
        var token = new Option<string?>("--token") { Description = "Revoke this one token (as printed by create-token)." };
        var id = new Option<long?>("--id") { Description = "Revoke this one token by its number (as listed by list-tokens)." };
        var database = CommonOptions.Database();
        var command = new Command("revoke-token", "Revoke API tokens: every token of an account (--user), one token (--token), or one by its number (--id). A running server refuses them on their next request (401).")
        {
            user, token, id, database,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(user) is null ? 0 : 1) + (result.GetValue(token) is null ? 0 : 1) + (result.GetValue(id) is null ? 0 : 1) != 1)
            {
                result.AddError("give exactly one of --user, --token or --id.");
            }
        });
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            if (result.GetValue(user) is { } name)
            {
                var revoked = await context.Accounts.RevokeTokensAsync(name, CliContext.Actor, cancellationToken);
                if (!revoked.IsOk)
                {
                    await Console.Error.WriteLineAsync($"vigie: {revoked.Problem.Message}");
                    return 1;
                }

                Console.WriteLine($"revoked {revoked.Value} token(s) of {name}");
                return 0;
            }

            if (result.GetValue(id) is { } number)
            {
                var byId = await context.Accounts.RevokeTokenAsync(number, CliContext.Actor, cancellationToken);
                if (!byId.IsOk)
                {
                    await Console.Error.WriteLineAsync($"vigie: {byId.Problem.Message}");
                    return 1;
                }

                Console.WriteLine($"revoked 1 token of {byId.Value}");
                return 0;
            }

            var one = await context.Accounts.RevokeTokenAsync(result.GetValue(token)!.Trim(), CliContext.Actor, cancellationToken);
            if (!one.IsOk)
            {
                await Console.Error.WriteLineAsync($"vigie: {one.Problem.Message}");
                return 1;
            }

            Console.WriteLine($"revoked 1 token of {one.Value}");
            return 0;
        }));
        return command;
    }

    private static Command SetPassword()
    {
        var name = new Option<string>("--name") { Description = "The account's login name.", Required = true };
        var database = CommonOptions.Database();
        var command = new Command("set-password",
            "Give an account a new password, close its sessions and lift its sign-in holds. The password is read from standard input when it is redirected (first line); otherwise one is generated and printed.")
        {
            name, database,
        };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            var account = await context.Accounts.FindAsync(result.GetValue(name)!, cancellationToken);
            var (password, generated) = await ReadOrGeneratePasswordAsync(result.GetValue(name), account?.DisplayName, cancellationToken);
            var changed = await context.Accounts.SetPasswordAsync(result.GetValue(name)!, password, CliContext.Actor, cancellationToken);
            if (!changed.IsOk)
            {
                await Console.Error.WriteLineAsync($"vigie: {changed.Problem.Message}");
                return 1;
            }

            Console.WriteLine($"new password set for {changed.Value.Name}");
            if (generated)
            {
                Console.WriteLine($"password: {password}");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The first line of standard input when it is redirected; otherwise a generated password (to print).</summary>
    private static async Task<(string Password, bool Generated)> ReadOrGeneratePasswordAsync(string? name, string? displayName, CancellationToken cancellationToken) =>
        Console.IsInputRedirected
            ? ((await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n') ?? "", false)
            : (PasswordPolicy.Generate(name, displayName), true);
}
