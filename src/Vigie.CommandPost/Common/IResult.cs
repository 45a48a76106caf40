namespace Vigie.CommandPost.Common;

/// <summary>What the storage needs to know of a <see cref="Result{T}"/> whatever its value: whether it is a problem.</summary>
internal interface IResult
{
    Problem? Problem { get; }
}
