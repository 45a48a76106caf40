namespace Vigie.Sigma.Detection;

/// <summary>An item's modifiers: their order (string modifiers apply in it) and a bit set to test membership.</summary>
internal readonly struct ModifierSet
{
    private readonly ulong _bits;

    public ModifierSet(List<SigmaModifier> order)
    {
        Order = order;
        foreach (var modifier in order)
        {
            _bits |= Bit(modifier);
        }
    }

    /// <summary>The modifiers as written (an alias written twice appears twice).</summary>
    public List<SigmaModifier> Order { get; }

    public int Count => Order.Count;

    public SigmaModifier First => Order[0];

    public static ulong Bit(SigmaModifier modifier) => 1UL << (int)modifier;

    public static ulong Bits(params ReadOnlySpan<SigmaModifier> modifiers)
    {
        ulong bits = 0;
        foreach (var modifier in modifiers)
        {
            bits |= Bit(modifier);
        }

        return bits;
    }

    public bool Has(SigmaModifier modifier) => (_bits & Bit(modifier)) != 0;

    public bool HasAny(ulong bits) => (_bits & bits) != 0;

    /// <summary>True when every modifier is one of <paramref name="allowed"/>.</summary>
    public bool OnlyFrom(ulong allowed) => (_bits & ~allowed) == 0;

    /// <summary>How many modifiers (counting repeats) are in <paramref name="bits"/>.</summary>
    public int CountOf(ulong bits)
    {
        var count = 0;
        foreach (var modifier in Order)
        {
            if ((bits & Bit(modifier)) != 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first modifier (in written order) that is in <paramref name="bits"/>, if any.</summary>
    public SigmaModifier? FirstOf(ulong bits)
    {
        foreach (var modifier in Order)
        {
            if ((bits & Bit(modifier)) != 0)
            {
                return modifier;
            }
        }

        return null;
    }
}
