using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Vigie.Cli.Shared;

/// <summary><c>vigie --version</c>: the version, the licence and the attribution the detection rules' licence asks for.</summary>
internal sealed class VersionText : SynchronousCommandLineAction
{
    public static string Text
    {
        get
        {
            var version = typeof(VersionText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            return $"""
                vigie {version}
                Licensed under the Apache License 2.0 (LICENSE); third-party files and their licences: NOTICE.
                Detection rules are not bundled. SigmaHQ's rules are under the Detection Rule License 1.1: every output
                that shows a rule's matches names the rule's author; keep that attribution when you share them.
                """;
        }
    }

    /// <summary>Replaces System.CommandLine's own --version action.</summary>
    public static void Attach(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new VersionText();
            }
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Text);
        return 0;
    }
}
