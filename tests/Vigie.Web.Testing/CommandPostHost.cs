using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Testing;

/// <summary>The command post's services (<see cref="CommandPostServices.AddCommandPost"/>) over a database a test points to.</summary>
public static class CommandPostHost
{
    /// <summary>Services over <paramref name="settings"/> (not migrated; the provider disposes the database).</summary>
    public static ServiceProvider Open(DatabaseSettings settings, TimeProvider? time = null) =>
        new ServiceCollection().AddCommandPost(new CommandPostOptions { Database = settings, TimeProvider = time, PasswordIterations = TestServer.TestIterations }).BuildServiceProvider();
}
