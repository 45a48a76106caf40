namespace Vigie.Sigma.Tests.Correlation;

public sealed class CorrelationTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private const string FailedLogon = """
        title: Failed logon
        id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
        name: failed_login
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4625
            condition: selection
        """;

    private const string SuccessfulLogon = """
        title: Successful logon
        id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
        name: successful_login
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4624
            condition: selection
        """;

    private static SigmaEvent Logon(int eventId, string user, string host = "PC1", string? ip = null, string? bytes = null)
    {
        var ev = new SigmaEvent().Add("Channel", "Security").Add("EventID", eventId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("TargetUserName", user).Add("Computer", host);
        if (ip is not null)
        {
            ev.Add("IpAddress", ip);
        }

        if (bytes is not null)
        {
            ev.Add("Bytes", bytes);
        }

        return ev;
    }

    private sealed class Stream
    {
        private readonly SigmaMatcher _matcher;
        private readonly List<SigmaMatch> _matches = [];

        public Stream(string yaml)
        {
            Rules = TestRules.Load(yaml);
            Assert.True(Rules.Rejections.Count == 0, string.Join("; ", Rules.Rejections));
            _matcher = Rules.CreateMatcher();
            Correlator = Rules.CreateCorrelator();
        }

        public SigmaRuleSet Rules { get; }

        public SigmaCorrelator Correlator { get; }

        public List<SigmaCorrelationMatch> Fired { get; } = [];

        public void Feed(SigmaEvent ev, TimeSpan at)
        {
            _matches.Clear();
            _matcher.Match(ev, _matches);
            Correlator.Process(ev, s_t0 + at, _matches, Fired);
        }
    }

    [Fact]
    public void EventCount_FiresWhenTheCountIsReachedWithinTheTimespanPerGroup()
    {
        var s = new Stream(FailedLogon + "\n" + """
            ---
            title: Many failed logons
            id: 0e95725d-7320-415d-80f7-004da920fc11
            correlation:
                type: event_count
                rules:
                    - failed_login
                group-by:
                    - TargetUserName
                timespan: 10m
                condition:
                    gte: 3
            level: high
            """);
        s.Feed(Logon(4625, "bob"), TimeSpan.FromMinutes(0));
        s.Feed(Logon(4625, "alice"), TimeSpan.FromMinutes(1));
        s.Feed(Logon(4625, "bob"), TimeSpan.FromMinutes(2));
        Assert.Empty(s.Fired);
        s.Feed(Logon(4625, "bob"), TimeSpan.FromMinutes(3));
        var fired = Assert.Single(s.Fired);
        Assert.Equal("Many failed logons", fired.Rule.Title);
        Assert.Equal("bob", fired.Group["TargetUserName"]);
        Assert.Equal(3, fired.Value);
        Assert.Equal(s_t0, fired.First);
        Assert.False(s.Rules.Rules.Single(r => r.Name == "failed_login").Standalone);
    }

    [Fact]
    public void EventCount_OutsideTheTimespan_DoesNotFire()
    {
        var s = new Stream(FailedLogon + "\n---\ntitle: c\ncorrelation:\n    type: event_count\n    rules: [failed_login]\n    group-by: [TargetUserName]\n    timespan: 5m\n    condition:\n        gte: 2\n");
        s.Feed(Logon(4625, "bob"), TimeSpan.FromMinutes(0));
        s.Feed(Logon(4625, "bob"), TimeSpan.FromMinutes(6));
        Assert.Empty(s.Fired);
        s.Feed(Logon(4625, "bob"), TimeSpan.FromMinutes(7));
        Assert.Single(s.Fired);
    }

    [Fact]
    public void ValueCount_CountsDistinctValues()
    {
        var s = new Stream(FailedLogon + "\n---\ntitle: spray\ncorrelation:\n    type: value_count\n    rules: [failed_login]\n    group-by: [Computer]\n    timespan: 1h\n    condition:\n        field: TargetUserName\n        gte: 3\n");
        s.Feed(Logon(4625, "a"), TimeSpan.Zero);
        s.Feed(Logon(4625, "a"), TimeSpan.FromMinutes(1));
        s.Feed(Logon(4625, "b"), TimeSpan.FromMinutes(2));
        Assert.Empty(s.Fired);
        s.Feed(Logon(4625, "c"), TimeSpan.FromMinutes(3));
        Assert.Equal(3, Assert.Single(s.Fired).Value);
    }

    [Fact]
    public void Temporal_NeedsEveryRuleInTheWindowInAnyOrder()
    {
        var s = new Stream(FailedLogon + "\n---\n" + SuccessfulLogon + "\n---\ntitle: both\ncorrelation:\n    type: temporal\n    rules: [failed_login, successful_login]\n    group-by: [TargetUserName]\n    timespan: 5m\n");
        s.Feed(Logon(4624, "bob"), TimeSpan.Zero);
        s.Feed(Logon(4625, "alice"), TimeSpan.FromMinutes(1));
        Assert.Empty(s.Fired);
        s.Feed(Logon(4625, "bob"), TimeSpan.FromMinutes(2));
        Assert.Equal("bob", Assert.Single(s.Fired).Group["TargetUserName"]);
    }

    [Fact]
    public void TemporalOrdered_NeedsTheOrder()
    {
        var s = new Stream(FailedLogon + "\n---\n" + SuccessfulLogon + "\n---\ntitle: ordered\ncorrelation:\n    type: temporal_ordered\n    rules: [failed_login, successful_login]\n    group-by: [TargetUserName]\n    timespan: 5m\n");
        s.Feed(Logon(4624, "bob"), TimeSpan.Zero);
        s.Feed(Logon(4625, "bob"), TimeSpan.FromMinutes(1));
        Assert.Empty(s.Fired);
        s.Feed(Logon(4624, "bob"), TimeSpan.FromMinutes(2));
        Assert.Single(s.Fired);
    }

    [Fact]
    public void ChainedCorrelation_FromTheSpecificationExample()
    {
        var s = new Stream("""
            title: Correlation - Multiple Failed Logins Followed by Successful Login
            id: b180ead8-d58f-40b2-ae54-c8940995b9b6
            correlation:
                type: temporal_ordered
                rules:
                    - multiple_failed_login
                    - successful_login
                group-by:
                    - TargetUserName
                timespan: 10m
            level: high
            ---
            title: Multiple failed logons
            id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
            name: multiple_failed_login
            correlation:
                type: event_count
                rules:
                    - failed_login
                group-by:
                    - TargetUserName
                timespan: 10m
                condition:
                    gte: 3
            ---
            """ + "\n" + FailedLogon + "\n---\n" + SuccessfulLogon);
        for (var i = 0; i < 3; i++)
        {
            s.Feed(Logon(4625, "bob"), TimeSpan.FromMinutes(i));
        }

        Assert.Equal(["Multiple failed logons"], s.Fired.Select(f => f.Rule.Title));
        s.Feed(Logon(4624, "bob"), TimeSpan.FromMinutes(4));
        Assert.Equal("Correlation - Multiple Failed Logins Followed by Successful Login", s.Fired[^1].Rule.Title);
    }

    [Fact]
    public void Aliases_GroupAcrossDifferentFieldNames()
    {
        var s = new Stream(FailedLogon + "\n---\n" + SuccessfulLogon + "\n" + """
            ---
            title: same address
            correlation:
                type: temporal
                rules: [failed_login, successful_login]
                group-by: [address]
                timespan: 5m
                aliases:
                    address:
                        failed_login: IpAddress
                        successful_login: Computer
            """);
        s.Feed(Logon(4625, "x", ip: "10.0.0.5"), TimeSpan.Zero);
        s.Feed(Logon(4624, "y", host: "10.0.0.6"), TimeSpan.FromMinutes(1));
        Assert.Empty(s.Fired);
        s.Feed(Logon(4624, "z", host: "10.0.0.5"), TimeSpan.FromMinutes(2));
        Assert.Equal("10.0.0.5", Assert.Single(s.Fired).Group["address"]);
    }

    [Fact]
    public void ValueSumAndAverage()
    {
        var s = new Stream(FailedLogon + "\n" + """
            ---
            title: sum
            correlation:
                type: value_sum
                rules: [failed_login]
                group-by: [TargetUserName]
                timespan: 1h
                condition:
                    field: Bytes
                    gt: 100
            ---
            title: avg
            correlation:
                type: value_avg
                rules: [failed_login]
                group-by: [TargetUserName]
                timespan: 1h
                condition:
                    field: Bytes
                    gte: 80
            """);
        s.Feed(Logon(4625, "bob", bytes: "60"), TimeSpan.Zero);
        Assert.Empty(s.Fired);
        s.Feed(Logon(4625, "bob", bytes: "100"), TimeSpan.FromMinutes(1));
        Assert.Equal(["sum", "avg"], s.Fired.Select(f => f.Rule.Title));
        Assert.Equal(160, s.Fired[0].Value);
        Assert.Equal(80, s.Fired[1].Value);
    }

    [Fact]
    public void ValuePercentile_FiresForARareValue()
    {
        var s = new Stream(FailedLogon + "\n---\ntitle: rare\ncorrelation:\n    type: value_percentile\n    rules: [failed_login]\n    group-by: [Computer]\n    timespan: 1d\n    condition:\n        field: TargetUserName\n        lte: 10\n");
        for (var i = 0; i < 20; i++)
        {
            s.Feed(Logon(4625, "common"), TimeSpan.FromMinutes(i));
        }

        Assert.Empty(s.Fired);
        s.Feed(Logon(4625, "rare"), TimeSpan.FromMinutes(30));
        var fired = Assert.Single(s.Fired);
        Assert.True(fired.Value <= 10);
    }

    [Fact]
    public void UpperBoundCondition_IsJudgedWhenTheWindowCloses()
    {
        var s = new Stream(FailedLogon + "\n---\ntitle: few\ncorrelation:\n    type: event_count\n    rules: [failed_login]\n    group-by: [TargetUserName]\n    timespan: 5m\n    condition:\n        lt: 3\n");
        s.Feed(Logon(4625, "bob"), TimeSpan.Zero);
        s.Feed(Logon(4625, "bob"), TimeSpan.FromMinutes(1));
        Assert.Empty(s.Fired);
        s.Feed(Logon(4625, "bob"), TimeSpan.FromMinutes(10));
        Assert.Equal(2, Assert.Single(s.Fired).Value);
        s.Correlator.Flush(s.Fired);
        Assert.Equal(2, s.Fired.Count);
    }

    [Fact]
    public void IdleGroups_AreDropped()
    {
        var s = new Stream(FailedLogon + "\n---\ntitle: c\ncorrelation:\n    type: event_count\n    rules: [failed_login]\n    group-by: [TargetUserName]\n    timespan: 1m\n    condition:\n        gte: 1000\n");
        for (var i = 0; i < 10_000; i++)
        {
            s.Feed(Logon(4625, "user" + i), TimeSpan.FromSeconds(i));
        }

        Assert.True(s.Correlator.TrackedGroups < 5_000, $"{s.Correlator.TrackedGroups} groups kept");
    }

    [Theory]
    [InlineData("    type: nonsense\n    rules: [x]\n    timespan: 1m\n", "unknown correlation type")]
    [InlineData("    type: event_count\n    rules: [nosuch]\n    group-by: [a]\n    timespan: 1m\n    condition:\n        gte: 1\n", "not a loaded rule")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    timespan: 1x\n    condition:\n        gte: 1\n", "timespan")]
    [InlineData("    type: value_count\n    rules: [failed_login]\n    timespan: 1m\n    condition:\n        gte: 1\n", "needs 'field'")]
    public void BadCorrelation_IsRejected(string body, string reason)
    {
        var set = TestRules.Load(FailedLogon + "\n---\ntitle: bad\ncorrelation:\n" + body);
        Assert.Contains(reason, Assert.Single(set.Rejections).Reason, StringComparison.Ordinal);
    }
}
