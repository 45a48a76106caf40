using System.Globalization;
using System.Resources;

namespace Vigie.CommandPost.PaperKit;

/// <summary>
/// The paper kit's words, French (PaperKitText.resx, the neutral language) and English (PaperKitText.en.resx). The slip's
/// fields exist in French only, like the desk's slip: the receiving facility reads them. The web button uses the same
/// resources (through IStringLocalizer&lt;PaperKitText&gt;).
/// </summary>
public sealed class PaperKitText
{
    private static readonly ResourceManager s_resources = new("Vigie.CommandPost.PaperKit.PaperKitText", typeof(PaperKitText).Assembly);

    private PaperKitText(CultureInfo culture) => Culture = culture;

    public CultureInfo Culture { get; }

    public bool English => Culture.TwoLetterISOLanguageName == "en";

    public string this[string key] => s_resources.GetString(key, Culture) ?? throw new KeyNotFoundException($"No paper kit text '{key}'.");

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>French unless the culture is English.</summary>
    public static PaperKitText For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return new PaperKitText(culture.TwoLetterISOLanguageName == "en" ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("fr-FR"));
    }
}
