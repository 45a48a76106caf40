using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

public sealed class ParallelReaderTests
{
    private sealed class Collect : EvtxChunkHandler<List<ulong>>
    {
        public List<string> Events { get; } = [];

        public List<ulong> Ids { get; } = [];

        public List<EvtxProblem> Problems { get; } = [];

        public override List<ulong> ProcessChunk(EvtxChunk chunk)
        {
            var ids = new List<ulong>();
            foreach (var record in chunk.Records)
            {
                ids.Add(record.RecordId);
            }

            return ids;
        }

        public override void OnChunk(EvtxFile file, EvtxChunkSummary summary, List<ulong> result)
        {
            Assert.Equal(result.Count, summary.RecordCount);
            Ids.AddRange(result);
            Problems.AddRange(summary.Problems);
        }

        public override void OnFileOpened(EvtxFile file) => Events.Add("open " + Path.GetFileName(file.Path));

        public override void OnFileFailed(string path, string error) => Events.Add("fail " + Path.GetFileName(path));

        public override void OnFileCompleted(EvtxFile file) => Events.Add("done " + Path.GetFileName(file.Path));
    }

    private static List<string> WriteFiles(string folder)
    {
        var paths = new List<string>();
        ulong id = 1;
        for (var f = 0; f < 4; f++)
        {
            var builder = new EvtxFileBuilder();
            for (var c = 0; c < (f == 3 ? 11 : 3); c++)
            {
                builder.Chunk(chunk =>
                {
                    for (var r = 0; r < 20; r++)
                    {
                        Fixture.Simple(chunk, id, TemplateValue.String("v" + id));
                        id++;
                    }
                });
            }

            var path = Path.Combine(folder, $"f{f}.evtx");
            File.WriteAllBytes(path, builder.Build());
            paths.Add(path);
        }

        var bad = Path.Combine(folder, "bad.evtx");
        File.WriteAllText(bad, "not an event log");
        paths.Insert(2, bad);
        return paths;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Run_WhenKeepingOrder_DeliversRecordsAndFileEventsInFileOrder(int threads)
    {
        var folder = Directory.CreateTempSubdirectory("vigie-evtx-").FullName;
        try
        {
            var paths = WriteFiles(folder);
            var handler = new Collect();

            EvtxParallelReader.Run(paths, handler, new EvtxParallelOptions { Threads = threads, KeepOrder = true, MaxChunksInFlight = 2 }, TestContext.Current.CancellationToken);

            Assert.Equal(Enumerable.Range(1, 400).Select(i => (ulong)i), handler.Ids);
            Assert.Equal(["open f0.evtx", "done f0.evtx", "open f1.evtx", "done f1.evtx", "fail bad.evtx", "open f2.evtx", "done f2.evtx", "open f3.evtx", "done f3.evtx"], handler.Events);
            Assert.Empty(handler.Problems);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Run_WhenOrderIsNotKept_DeliversEveryRecordOnceAndClosesEachFileAfterItsChunks()
    {
        var folder = Directory.CreateTempSubdirectory("vigie-evtx-").FullName;
        try
        {
            var paths = WriteFiles(folder);
            var handler = new Collect();

            EvtxParallelReader.Run(paths, handler, new EvtxParallelOptions { Threads = 3, KeepOrder = false }, TestContext.Current.CancellationToken);

            Assert.Equal(Enumerable.Range(1, 400).Select(i => (ulong)i), handler.Ids.Order());
            foreach (var name in new[] { "f0.evtx", "f1.evtx", "f2.evtx", "f3.evtx" })
            {
                Assert.True(handler.Events.IndexOf("open " + name) < handler.Events.IndexOf("done " + name));
            }
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private sealed class Throwing : EvtxChunkHandler<int>
    {
        public override int ProcessChunk(EvtxChunk chunk) => chunk.Index == 1 ? throw new InvalidOperationException("boom") : 0;

        public override void OnChunk(EvtxFile file, EvtxChunkSummary summary, int result)
        {
        }
    }

    [Fact]
    public void Run_WhenTheHandlerThrowsOnAWorker_RethrowsOnTheCallingThread()
    {
        var folder = Directory.CreateTempSubdirectory("vigie-evtx-").FullName;
        try
        {
            var paths = WriteFiles(folder);

            var error = Assert.Throws<InvalidOperationException>(() => EvtxParallelReader.Run(paths, new Throwing(), new EvtxParallelOptions { Threads = 2 }, TestContext.Current.CancellationToken));

            Assert.Equal("boom", error.Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Run_WhenTheListOfPathsFails_DeliversWhatCameBeforeAndRethrowsOnTheCallingThread(int threads)
    {
        var folder = Directory.CreateTempSubdirectory("vigie-evtx-").FullName;
        try
        {
            var paths = WriteFiles(folder);
            IEnumerable<string> FailingAfterTwo()
            {
                yield return paths[0];
                yield return paths[1];
                throw new IOException("the folder went away");
            }

            var handler = new Collect();
            var error = Assert.Throws<IOException>(() => EvtxParallelReader.Run(FailingAfterTwo(), handler, new EvtxParallelOptions { Threads = threads }, TestContext.Current.CancellationToken));

            Assert.Equal("the folder went away", error.Message);
            Assert.Equal(["open f0.evtx", "done f0.evtx", "open f1.evtx", "done f1.evtx"], handler.Events);
            Assert.Equal(120, handler.Ids.Count);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Theory]
    [InlineData(2, 1, false)]
    [InlineData(2, 2, false)]
    [InlineData(4, 3, false)]
    [InlineData(2, null, true)]
    [InlineData(3, null, true)]
    public void Run_WithFewOrManyChunksInFlight_StillDeliversEverythingInOrder(int threads, int? maxChunksInFlight, bool smallResults)
    {
        var folder = Directory.CreateTempSubdirectory("vigie-evtx-").FullName;
        try
        {
            var paths = WriteFiles(folder);
            var sequential = new Collect();
            EvtxParallelReader.Run(paths, sequential, new EvtxParallelOptions { Threads = 1 }, TestContext.Current.CancellationToken);

            var parallel = new Collect();
            EvtxParallelReader.Run(paths, parallel, new EvtxParallelOptions { Threads = threads, MaxChunksInFlight = maxChunksInFlight, SmallResults = smallResults }, TestContext.Current.CancellationToken);

            Assert.Equal(sequential.Events, parallel.Events);
            Assert.Equal(sequential.Ids, parallel.Ids);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Run_WhenCancelled_StopsWithOperationCanceled()
    {
        var folder = Directory.CreateTempSubdirectory("vigie-evtx-").FullName;
        try
        {
            var paths = WriteFiles(folder);
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();

            Assert.ThrowsAny<OperationCanceledException>(() => EvtxParallelReader.Run(paths, new Collect(), new EvtxParallelOptions { Threads = 2 }, cancellation.Token));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Run_OnTheCorpus_ReadsTheSameRecordsAsTheSequentialReader()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var files = Directory.EnumerateFiles(corpus, "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var sequential = new List<ulong>();
        foreach (var path in files)
        {
            Assert.True(EvtxFile.TryOpen(path, out var file, out var error), error);
            using (file)
            {
                foreach (var record in file.ReadRecords())
                {
                    sequential.Add(record.RecordId);
                }
            }
        }

        var handler = new Collect();
        EvtxParallelReader.Run(files, handler, new EvtxParallelOptions { Threads = 2 }, TestContext.Current.CancellationToken);

        Assert.Equal(8255, sequential.Count);
        Assert.Equal(sequential, handler.Ids);
    }
}
