using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost;

/// <summary>What the command post needs to run, wherever it runs (the web server, a CLI command, a test, a benchmark).</summary>
public sealed record CommandPostOptions
{
    public required DatabaseSettings Database { get; init; }

    /// <summary>Where the hospital's own data files are (deadlines.yaml, checklists/); null: the shipped ones only.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The hospital's time zone (IANA or Windows id): how people read times.</summary>
    public string TimeZone { get; init; } = HospitalClock.DefaultZone;

    /// <summary>The clock; the system's unless a test or a demo gives its own.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The largest file a journal entry may carry as evidence (bytes).</summary>
    public long EvidenceMaxBytes { get; init; } = Journal.Evidence.EvidenceLimits.DefaultMaxBytes;

    /// <summary>Password hashing iterations; null keeps the production count (<see cref="Accounts.PasswordHasher.DefaultIterations"/>).</summary>
    public int? PasswordIterations { get; init; }
}
