namespace Vigie.Evtx;

/// <summary>The fields of an event's <c>System</c> element that the reader resolves once per template.</summary>
public enum EvtxSystemField
{
    /// <summary><c>System/Provider/@Name</c>.</summary>
    ProviderName,

    /// <summary><c>System/Provider/@Guid</c>.</summary>
    ProviderGuid,

    /// <summary><c>System/Provider/@EventSourceName</c>.</summary>
    EventSourceName,

    /// <summary><c>System/EventID</c>.</summary>
    EventId,

    /// <summary><c>System/EventID/@Qualifiers</c>.</summary>
    Qualifiers,

    /// <summary><c>System/Version</c>.</summary>
    Version,

    /// <summary><c>System/Level</c>.</summary>
    Level,

    /// <summary><c>System/Task</c>.</summary>
    Task,

    /// <summary><c>System/Opcode</c>.</summary>
    Opcode,

    /// <summary><c>System/Keywords</c>.</summary>
    Keywords,

    /// <summary><c>System/TimeCreated/@SystemTime</c>.</summary>
    TimeCreated,

    /// <summary><c>System/EventRecordID</c>.</summary>
    EventRecordId,

    /// <summary><c>System/Correlation/@ActivityID</c>.</summary>
    ActivityId,

    /// <summary><c>System/Correlation/@RelatedActivityID</c>.</summary>
    RelatedActivityId,

    /// <summary><c>System/Execution/@ProcessID</c>.</summary>
    ProcessId,

    /// <summary><c>System/Execution/@ThreadID</c>.</summary>
    ThreadId,

    /// <summary><c>System/Channel</c>.</summary>
    Channel,

    /// <summary><c>System/Computer</c>.</summary>
    Computer,

    /// <summary><c>System/Security/@UserID</c>.</summary>
    UserId,
}
