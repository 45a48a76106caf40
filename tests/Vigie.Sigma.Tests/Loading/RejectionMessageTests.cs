namespace Vigie.Sigma.Tests.Loading;

/// <summary>
/// Every reason the detection compiler gives for an item it cannot use, word for word: the modifiers became an
/// enum and the item compiler a table of kinds, and what a rule's author reads must not change.
/// </summary>
public sealed class RejectionMessageTests
{
    [Theory]
    [InlineData("selection: {Image|foo: x}\ncondition: selection", "unknown modifier 'foo' in 'selection'")]
    [InlineData("selection: {Image|contains|Bar: x}\ncondition: selection", "unknown modifier 'bar' in 'selection'")]
    [InlineData("selection:\n    Image: [[a]]\ncondition: selection", "'Image' in 'selection' has a value that is not a plain value")]
    [InlineData("selection:\n    Image: {a: b}\ncondition: selection", "'Image' in 'selection' has a map as value")]
    [InlineData("selection:\n    Image: []\ncondition: selection", "'Image' in 'selection' has an empty list of values")]
    [InlineData("selection: {Image|exists: maybe}\ncondition: selection", "'Image|exists' in 'selection': exists takes a field and one boolean value")]
    [InlineData("selection: {Image|exists|all: true}\ncondition: selection", "'Image|exists|all' in 'selection': exists takes a field and one boolean value")]
    [InlineData("selection: {Image|contains|re: x}\ncondition: selection", "'Image|contains|re' in 'selection': 're' must come first and only takes i, m, s, all, neq")]
    [InlineData("selection: {Image|re|base64: x}\ncondition: selection", "'Image|re|base64' in 'selection': 're' must come first and only takes i, m, s, all, neq")]
    [InlineData("selection: {Image|re: null}\ncondition: selection", "'Image|re' in 'selection': a regular expression cannot be null")]
    [InlineData("selection: {Image|re: '('}\ncondition: selection", "invalid regular expression '(': Invalid pattern '(' at offset 1. Not enough )'s.")]
    [InlineData("selection: {Ip|contains|cidr: 10.0.0.0/8}\ncondition: selection", "'Ip|contains|cidr' in 'selection': 'cidr' must come first and only takes all, neq")]
    [InlineData("selection: {Ip|cidr: 10.0.0.300/8}\ncondition: selection", "'10.0.0.300/8' is not a network (CIDR)")]
    [InlineData("selection: {Count|gt|contains: 3}\ncondition: selection", "'Count|gt|contains' in 'selection': numeric modifiers do not combine with string modifiers")]
    [InlineData("selection: {Count|gt|lt: 3}\ncondition: selection", "'Count|gt|lt' in 'selection': numeric modifiers do not combine with string modifiers")]
    [InlineData("selection: {Time|hour|minute: 3}\ncondition: selection", "'Time|hour|minute' in 'selection': numeric modifiers do not combine with string modifiers")]
    [InlineData("selection: {Count|gt: abc}\ncondition: selection", "'Count|gt' in 'selection': 'abc' is not a number")]
    [InlineData("keywords: [null]\ncondition: keywords", "keyword search in 'keywords' cannot use null or neq")]
    [InlineData("keywords:\n    '|neq': x\ncondition: keywords", "keyword search in 'keywords' cannot use null or neq")]
    [InlineData("selection: {Image|fieldref|base64: x}\ncondition: selection", "'Image|fieldref|base64' in 'selection': fieldref takes a field and only contains, startswith, endswith, all, neq, cased")]
    [InlineData("selection: {Image|fieldref: 'Par*'}\ncondition: selection", "'Image|fieldref' in 'selection': a field reference must be a plain field name")]
    [InlineData("selection: {Image|windash: '-a -b -c -d -e -f'}\ncondition: selection", "windash on '-a -b -c -d -e -f' has 6 dashes (at most 5)")]
    [InlineData("selection: {Image|base64: 'a*'}\ncondition: selection", "'Image|base64': base64 of a value with wildcards is not defined")]
    [InlineData("selection: {Image|wide|utf16: a}\ncondition: selection", "'Image|wide|utf16': a value cannot be UTF-16 encoded twice")]
    [InlineData("selection: {Image|expand: '%missing%'}\ncondition: selection", "placeholder '%missing%' in 'selection' has no values (give them in a placeholder file)")]
    public void Compile_WhenAnItemCannotBeUsed_GivesTheSameReasonAsBefore(string detection, string reason)
    {
        Assert.Equal(reason, TestRules.Rejection(TestRules.Rule(detection)));
    }

    [Theory]
    [InlineData("type: event_cunt", "unknown correlation type 'event_cunt'")]
    [InlineData("type: event_count\n    condition: {gtt: 3}", "unknown correlation condition operator 'gtt'")]
    [InlineData("type: event_count\n    condition: {gt: many}", "correlation condition 'gt' is not a number")]
    [InlineData("type: event_count", "a event_count correlation needs a 'condition'")]
    [InlineData("type: value_count\n    condition: {gt: 3}", "a value_count correlation needs 'field' in its condition")]
    public void Parse_WhenACorrelationCannotBeUsed_GivesTheSameReasonAsBefore(string fields, string reason)
    {
        var yaml = TestRules.Rule("selection: {Image: x}\ncondition: selection") +
            $"---\ntitle: correlation\ncorrelation:\n    rules: [00000000-0000-0000-0000-000000000001]\n    timespan: 5m\n    {fields}\n";
        var set = TestRules.Load(yaml);
        Assert.Equal(reason, Assert.Single(set.Rejections).Reason);
    }
}
