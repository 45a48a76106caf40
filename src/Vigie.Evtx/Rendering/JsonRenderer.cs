namespace Vigie.Evtx.Rendering;

/// <summary>Placeholder replaced below.</summary>
internal static class JsonRenderer
{
    public static void Render(EvtxRecord record, Utf8Buffer output)
    {
        _ = record;
        _ = output;
    }
}
