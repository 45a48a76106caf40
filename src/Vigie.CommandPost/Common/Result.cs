using System.Diagnostics.CodeAnalysis;

namespace Vigie.CommandPost.Common;

/// <summary>The outcome of an operation on user input: a value, or a <see cref="Common.Problem"/> saying what is wrong.</summary>
public readonly struct Result<T> : IResult
{
    private readonly T? _value;

    private Result(T? value, Problem? problem)
    {
        _value = value;
        Problem = problem;
    }

    public Problem? Problem { get; }

    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsOk => Problem is null;

    public T Value => IsOk ? _value! : throw new InvalidOperationException($"No value: {Problem.Message}");

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Problem problem) => new(default, problem);

#pragma warning disable CA2225 // the named alternatives are Ok and Fail
    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Problem problem) => Fail(problem);
#pragma warning restore CA2225
}
