using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Vigie.Web.Hosting;

namespace Vigie.Web.Tests.Hosting;

/// <summary>Pages are rendered a few at a time (PageReaders); everything else, the API first, never waits for them.</summary>
public sealed class PageReadersTests
{
    [Fact]
    public async Task Pages_WaitTheirTurn_WritesAndTheApiDoNot()
    {
        var readers = new PageReaders(2);
        var inside = 0;
        var most = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task Page()
        {
            Interlocked.Increment(ref inside);
            InterlockedMax(ref most, Volatile.Read(ref inside));
            await release.Task;
            Interlocked.Decrement(ref inside);
        }

        var pages = Enumerable.Range(0, 5).Select(_ => readers.Middleware(Context("GET", page: true), Page)).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref inside) == 2);

        // While two pages hold their turns: an API call, a page form sent and a GET of something that is not a page go through.
        var passed = 0;
        await readers.Middleware(Context("POST", page: false), () => { passed++; return Task.CompletedTask; });
        await readers.Middleware(Context("POST", page: true), () => { passed++; return Task.CompletedTask; });
        await readers.Middleware(Context("GET", page: false), () => { passed++; return Task.CompletedTask; });
        Assert.Equal(3, passed);
        Assert.Equal(2, Volatile.Read(ref inside)); // the three others still wait their turn
        Assert.DoesNotContain(pages, p => p.IsCompleted);

        release.SetResult();
        await Task.WhenAll(pages);
        Assert.Equal(2, most);
    }

    [Fact]
    public async Task AWaitingPage_WhoseReaderLeaves_GivesUpItsTurn()
    {
        var readers = new PageReaders(1);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = readers.Middleware(Context("GET", page: true), () => hold.Task);
        using var leaving = new CancellationTokenSource();
        var waiting = Context("GET", page: true);
        waiting.RequestAborted = leaving.Token;
        var second = readers.Middleware(waiting, () => throw new InvalidOperationException("rendered for a reader who left"));
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        hold.SetResult();
        await first;
        var ran = false;
        await readers.Middleware(Context("GET", page: true), () => { ran = true; return Task.CompletedTask; });
        Assert.True(ran);
    }

    private static DefaultHttpContext Context(string method, bool page)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.SetEndpoint(new Endpoint(null, page ? new EndpointMetadataCollection(new ComponentTypeMetadata(typeof(PageReadersTests))) : EndpointMetadataCollection.Empty, "test"));
        return context;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
