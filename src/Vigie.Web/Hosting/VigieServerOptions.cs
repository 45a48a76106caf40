using Vigie.CommandPost;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Hosting;

/// <summary>How to run the command post: where it listens, which database, HTTPS.</summary>
public sealed record VigieServerOptions
{
    public const string DefaultUrl = "http://localhost:5080";

    public required DatabaseSettings Database { get; init; }

    /// <summary>Semicolon-separated URLs (Kestrel syntax). Port 0 picks a free port (tests).</summary>
    public string Urls { get; init; } = DefaultUrl;

    /// <summary>Where the server keeps files besides the database (the self-signed certificate).</summary>
    public required string DataDirectory { get; init; }

    public bool Https { get; init; }

    public string? CertificatePath { get; init; }

    public string? CertificatePassword { get; init; }

    /// <summary>`serve --backup-to`: verified copies of the database in another folder, on a schedule and at each phase change (null: none).</summary>
    public Vigie.CommandPost.Backups.BackupOptions? Backup { get; init; }

    /// <summary>Host names the self-signed certificate must name besides this machine's name and addresses (<c>serve --host-name</c>).</summary>
    public IReadOnlyList<string> HostNames { get; init; } = [];

    /// <summary>Europe/Paris unless told otherwise: how times are shown.</summary>
    public string TimeZone { get; init; } = HospitalClock.DefaultZone;

    public string EnvironmentName { get; init; } = "Production";

    /// <summary>Password hashing iterations; only tests lower it.</summary>
    public int? PasswordIterations { get; init; }

    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The largest file a journal entry may carry as evidence (bytes); 20 MiB unless told otherwise.</summary>
    public long EvidenceMaxBytes { get; init; } = EvidenceLimits.DefaultMaxBytes;

    /// <summary>The command post's own options, taken from these.</summary>
    public CommandPostOptions CommandPost => new()
    {
        Database = Database,
        DataDirectory = DataDirectory,
        TimeZone = TimeZone,
        TimeProvider = TimeProvider,
        PasswordIterations = PasswordIterations,
        EvidenceMaxBytes = EvidenceMaxBytes,
    };

    /// <summary>Writes what the operator must see (data location, first-admin link, certificate fingerprint).</summary>
    public TextWriter? Console { get; init; }
}
