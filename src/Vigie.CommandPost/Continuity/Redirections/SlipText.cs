using System.Globalization;
using System.Text;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// The redirection slip as plain text for receipt printers (42 columns by default, French): what the patient shows at
/// the destination's door (French typography: <see cref="FrenchText"/>). The web page prints the same facts in A5 or receipt width.
/// </summary>
public static class SlipText
{
    public const int ReceiptWidth = 42;

    public static string Render(Redirection redirection, bool exercise, HospitalClock clock, int width = ReceiptWidth)
    {
        ArgumentNullException.ThrowIfNull(redirection);
        ArgumentNullException.ThrowIfNull(clock);
        width = Math.Clamp(width, 24, 120);
        var text = new StringBuilder();
        var rule = new string('-', width);
        if (exercise)
        {
            Centre(text, "*** EXERCICE - NE PAS UTILISER ***", width);
        }

        Centre(text, redirection.IsVitalException ? "URGENCE VITALE - PRISE EN CHARGE SUR PLACE" : "BON DE RÉORIENTATION", width);
        Centre(text, string.Create(CultureInfo.InvariantCulture, $"n° {redirection.Number} - {redirection.SiteName}"), width);
        text.AppendLine(rule);
        Line(text, "Arrivée", clock.TextWithZone(redirection.ArrivedAt), width);
        Line(text, "Patient", $"{redirection.Initials}, né(e) en {redirection.BirthYear.ToString(CultureInfo.InvariantCulture)}, {Sex(redirection.Sex)}", width);
        Line(text, "Tri", redirection.Triage.ToString(CultureInfo.InvariantCulture), width);
        Line(text, "Motif", redirection.Reason, width);
        text.AppendLine(rule);
        if (redirection.IsVitalException)
        {
            Wrap(text, "Tri 1 : urgence vitale. Le patient n'est pas réorienté ; il est pris en charge sur place.", width);
        }
        else
        {
            text.AppendLine("ORIENTÉ(E) VERS :");
            Wrap(text, redirection.DestinationName ?? "", width);
            Wrap(text, redirection.DestinationAddress ?? "", width);
            Line(text, "Tél.", redirection.DestinationPhone ?? "-", width);
            if (redirection.DistanceKm is { } km)
            {
                Line(text, "Distance", $"{FrenchText.Decimal(km)} km, environ {redirection.DriveMinutes} min", width);
            }

            Line(text, "Transport", redirection.Transport is { } t ? RedirectionService.TransportText(t) : "-", width);
            text.AppendLine(rule);
            Wrap(text, "Présentez ce bon à l'accueil des urgences de l'établissement.", width);
        }

        Line(text, "Établi par", $"{redirection.CreatedBy}, {clock.Text(redirection.RecordedAt)}", width);
        return FrenchText.Typeset(text.ToString());
    }

    private static string Sex(Sex sex) => sex switch
    {
        Redirections.Sex.Femme => "F",
        Redirections.Sex.Homme => "H",
        _ => "non précisé",
    };

    private static void Centre(StringBuilder text, string value, int width)
    {
        var pad = Math.Max(0, (width - value.Length) / 2);
        text.Append(' ', pad).AppendLine(value.Length > width ? value[..width] : value);
    }

    private static void Line(StringBuilder text, string label, string value, int width) => Wrap(text, $"{label} : {value}", width);

    private static void Wrap(StringBuilder text, string value, int width)
    {
        var line = new StringBuilder();
        foreach (var word in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                text.AppendLine(line.ToString());
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word.Length > width ? word[..width] : word);
        }

        if (line.Length > 0)
        {
            text.AppendLine(line.ToString());
        }
    }
}
