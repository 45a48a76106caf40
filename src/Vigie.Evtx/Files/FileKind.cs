using System.Runtime.InteropServices;

namespace Vigie.Evtx.Files;

/// <summary>
/// What a path names, without opening it: opening a FIFO for reading waits for a writer, forever when there
/// is none, so only regular files may be opened. On Linux the type comes from <c>statx</c> (a layout that
/// is the same on every architecture); elsewhere every existing non-directory is taken as a regular file.
/// </summary>
internal static partial class FileKind
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28;
    private const int StatxSize = 256;

    /// <summary>Null for a regular file (or a path that does not exist); otherwise what it is, for a message ("a FIFO").</summary>
    public static string? NotRegular(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Directory.Exists(path) ? "a directory" : null;
        }

        Span<byte> buffer = stackalloc byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                return null; // missing or unreadable: opening it says why
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return Directory.Exists(path) ? "a directory" : null;
        }

        var mode = (buffer[StatxModeOffset] | (buffer[StatxModeOffset + 1] << 8)) & 0xF000;
        return mode switch
        {
            0x8000 => null,
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            0x4000 => "a directory",
            _ => "not a regular file",
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);
}
