using System.Diagnostics;
using Xunit;

namespace Vigie.Web.Testing;

/// <summary>
/// Broken storage for resilience tests, made for real: a folder made read-only by a read-only bind mount over itself
/// (root's writes are refused too, which chmod would not do), or a small tmpfs that fills up. Needs root and the right to
/// mount (the sandbox and CI run as root); elsewhere the test is skipped with a message. Disposing unmounts.
/// </summary>
public sealed class Mounts : IAsyncDisposable
{
    private readonly string _path;

    private Mounts(string path) => _path = path;

    public string Path => _path;

    /// <summary>Makes <paramref name="folder"/> read-only in place (a read-only bind mount over itself), its content kept.</summary>
    public static async Task<Mounts> ReadOnlyAsync(string folder)
    {
        await RequireAsync(await RunAsync("mount", "--bind", folder, folder), "a bind mount");
        var mount = new Mounts(folder);
        var remount = await RunAsync("mount", "-o", "remount,ro,bind", folder);
        if (remount.Code != 0)
        {
            await mount.DisposeAsync();
            await RequireAsync(remount, "a read-only remount");
        }

        return mount;
    }

    /// <summary>A fresh tmpfs of <paramref name="megabytes"/> MB at a new temporary folder.</summary>
    public static async Task<Mounts> SmallDiskAsync(int megabytes)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vigie-disk-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        await RequireAsync(await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0777", "tmpfs", folder), "a tmpfs mount");
        return new Mounts(folder);
    }

    /// <summary>Fills the filesystem of <paramref name="folder"/> to the last byte with a file named <paramref name="name"/>.</summary>
    public static string Fill(string folder, string name = "filler")
    {
        var path = System.IO.Path.Combine(folder, name);
        var block = new byte[64 * 1024];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // No space left: now smaller writes until not one byte more fits.
        }

        foreach (var size in new[] { 4096, 512, 1 })
        {
            try
            {
                while (true)
                {
                    stream.Write(block, 0, size);
                }
            }
            catch (IOException)
            {
            }
        }

        return path;
    }

    public async ValueTask DisposeAsync()
    {
        var result = await RunAsync("umount", _path);
        if (result.Code != 0)
        {
            await RunAsync("umount", "-l", _path);
        }
    }

    private static async Task RequireAsync((int Code, string Error) result, string what)
    {
        if (result.Code != 0)
        {
            Assert.Skip($"this machine does not allow {what} ({result.Error.Trim()}): the test needs root and the right to mount");
        }

        await Task.CompletedTask;
    }

    private static async Task<(int Code, string Error)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
