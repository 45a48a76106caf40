namespace Vigie.CommandPost.Journal;

/// <summary>
/// What an entry refers to elsewhere in the command post: a type (<c>phase</c>, <c>action</c>, <c>role</c>,
/// <c>situation</c>, later <c>finding</c>, <c>service</c>, <c>redirection</c>...) and the id in that feature.
/// </summary>
public sealed record JournalLink(string Type, string Id);
