namespace Vigie.Hunt;

/// <summary>A file that could not be read fully (or at all), and why; <see cref="Complete"/> false when events may be missing.</summary>
public sealed record HuntFileProblem(string Path, string Reason, int Problems, bool Complete);
