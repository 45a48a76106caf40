using System.Runtime.InteropServices;

namespace Vigie.Hunt.Sources;

/// <summary>
/// Whether a path is a regular file (following symbolic links). Opening a FIFO, a socket or a device to read
/// it can wait forever for a writer (issue 13, item 17), and .NET's file attributes do not tell them apart
/// from files on Unix: on Linux the file type comes from <c>statx</c> (whose layout is the same on every
/// architecture); elsewhere every file counts as regular.
/// </summary>
internal static class RegularFile
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x0001;
    private const int StatxModeOffset = 0x1C;
    private const int StatxSize = 256;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;

    public static bool Is(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
            {
                return true; // cannot tell: opening it will say what is wrong
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }

        var mode = BitConverter.ToUInt16(buffer, StatxModeOffset);
        return (mode & TypeMask) == RegularType;
    }

    [DllImport("libc", EntryPoint = "statx")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
