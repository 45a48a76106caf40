namespace Vigie.Evtx.Tests;

/// <summary>
/// Slack space holds stale copies of records whose templates or names were overwritten since; most candidates
/// found there are refused. They are refused by checks, not by exceptions: an exception each (a native unwind)
/// made the default dump, which reads slack space, four times slower than with <c>--no-slack</c>.
/// </summary>
public sealed class SlackExceptionTests
{
    [Fact]
    public void SlackRecovery_OnTheCorpus_RefusesCandidatesWithoutExceptions()
    {
        var thread = Environment.CurrentManagedThreadId;
        var thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread && e.Exception is EvtxFormatException)
            {
                thrown++;
            }
        }

        var (recovered, records) = (0, 0);
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            foreach (var path in Directory.EnumerateFiles(RepositoryPaths.SharedData("evtx"), "*.evtx", SearchOption.AllDirectories))
            {
                Assert.True(EvtxFile.TryOpen(path, new EvtxReadOptions { RecoverSlack = true }, out var file, out var error), error);
                using (file)
                {
                    foreach (var record in file.ReadRecords())
                    {
                        records++;
                        recovered += record.RecoveredFromSlack ? 1 : 0;
                    }
                }
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.True(recovered > 50, $"only {recovered} of {records} records recovered from slack space");
        Assert.True(thrown == 0, $"{thrown} exceptions thrown while reading {records} records ({recovered} from slack space)");
    }
}
