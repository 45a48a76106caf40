using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;

namespace Vigie.CommandPost.PaperKit;

/// <summary>The blank redirection slips: one A5 page each, the fields of the desk's slip with lines to write on.</summary>
public static partial class PaperKitPdfWriter
{
    private static void Slips(PaperKitCanvas canvas, PaperKitContent kit)
    {
        // The slip is read at the receiving facility's door: French whatever the kit's language, as the desk's slip.
        var t = PaperKitText.For(CultureInfo.GetCultureInfo("fr-FR"));
        for (var i = 0; i < kit.Slips; i++)
        {
            canvas.NewPage(PageSize.A5);
            Slip(canvas, kit, t);
        }
    }

    private static void Slip(PaperKitCanvas canvas, PaperKitContent kit, PaperKitText t)
    {
        var left = PaperKitCanvas.Margin;
        var right = left + canvas.Width;
        var g = canvas.G;
        var ink = new XSolidBrush(PaperKitCanvas.Ink);
        if (kit.Incident?.Exercise == true)
        {
            g.DrawString(t["SlipExercise"], canvas.FieldBold, new XSolidBrush(PaperKitCanvas.Exercise), new XRect(left, canvas.Y, canvas.Width, 14), XStringFormats.TopCenter);
            canvas.Space(18);
        }

        g.DrawString(t["SlipTitle"], canvas.Title, new XSolidBrush(PaperKitCanvas.Brand), new XRect(left, canvas.Y, canvas.Width, 20), XStringFormats.TopCenter);
        canvas.Space(30);
        var middle = left + (canvas.Width * 0.38);
        Field(canvas, t["SlipNumber"], left, middle - 10);
        Field(canvas, t["SlipSite"], middle, right);
        Next(canvas);
        Field(canvas, t["SlipArrival"], left, right);
        Next(canvas);
        Field(canvas, t["SlipPatient"], left, middle + 20);
        Field(canvas, t["SlipBorn"], middle + 30, right);
        Next(canvas);
        var x = Label(canvas, t["SlipSex"], left);
        Choices(canvas, x + 8, [t["SlipSex_femme"], t["SlipSex_homme"], t["SlipSex_non_precise"]]);
        Next(canvas);
        Field(canvas, t["SlipTriage"], left, middle - 10);
        Next(canvas);
        Field(canvas, t["SlipReason"], left, right);
        Next(canvas);
        canvas.Line(left, canvas.Y + 14, right, canvas.Y + 14);
        Next(canvas);
        canvas.Line(left, canvas.Y - 2, right, canvas.Y - 2, 0.8);
        canvas.Space(6);

        g.DrawString(t["SlipGoTo"], canvas.FieldBold, ink, new XRect(left, canvas.Y, canvas.Width, 14), XStringFormats.TopLeft);
        Next(canvas);
        Field(canvas, t["SlipFacility"], left, right);
        Next(canvas);
        Field(canvas, t["SlipAddress"], left, right);
        Next(canvas);
        canvas.Line(left, canvas.Y + 14, right, canvas.Y + 14);
        Next(canvas);
        Field(canvas, t["SlipPhone"], left, right);
        Next(canvas);
        x = Label(canvas, t["SlipTransport"], left);
        Choices(canvas, x + 8, [t["SlipTransport_moyens_propres"], t["SlipTransport_ambulance"], t["SlipTransport_smur_samu"]]);
        Next(canvas);
        canvas.Line(left, canvas.Y - 2, right, canvas.Y - 2, 0.8);
        canvas.Space(6);

        canvas.Text(t["SlipInstruction"], canvas.FieldBold, PaperKitCanvas.Ink);
        canvas.Space(8);
        canvas.Box(left, canvas.Y + 1);
        canvas.Text(t["SlipVital"], canvas.Body, PaperKitCanvas.Ink, indent: 14);
        canvas.Space(10);
        Field(canvas, t["SlipIssued"], left, middle + 40);
        Field(canvas, t["SlipIssuedOn"], middle + 50, right);
    }

    /// <summary>A label and a line to write on, from <paramref name="from"/> to <paramref name="to"/>, on the current row.</summary>
    private static void Field(PaperKitCanvas canvas, string label, double from, double to)
    {
        var x = Label(canvas, label, from);
        canvas.Line(x + 4, canvas.Y + 14, to, canvas.Y + 14, 0.6);
    }

    private static double Label(PaperKitCanvas canvas, string label, double x)
    {
        var width = canvas.G.MeasureString(label, canvas.Field).Width;
        canvas.G.DrawString(label, canvas.Field, new XSolidBrush(PaperKitCanvas.Muted), new XRect(x, canvas.Y + 2, width + 1, 14), XStringFormats.TopLeft);
        return x + width;
    }

    /// <summary>Tick boxes, each followed by its word, on the current row.</summary>
    private static void Choices(PaperKitCanvas canvas, double x, IReadOnlyList<string> choices)
    {
        foreach (var choice in choices)
        {
            canvas.Box(x, canvas.Y + 4);
            x += 12;
            var width = canvas.G.MeasureString(choice, canvas.Body).Width;
            canvas.G.DrawString(choice, canvas.Body, new XSolidBrush(PaperKitCanvas.Ink), new XRect(x, canvas.Y + 3, width + 1, 14), XStringFormats.TopLeft);
            x += width + 12;
        }
    }

    private static void Next(PaperKitCanvas canvas) => canvas.Space(24);
}
