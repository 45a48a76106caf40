namespace Vigie.Hunt;

/// <summary>Where a hunt stands: files done, events read, input bytes read of the total, detections so far.</summary>
public readonly record struct HuntProgress(int FilesDone, int Files, long Events, long BytesDone, long BytesTotal, long Detections, TimeSpan Elapsed);
