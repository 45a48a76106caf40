using System.Globalization;
using System.Text;

namespace Vigie.Continuity.Bench;

/// <summary>Inputs: the shared FINESS extract (../shared/data) and a synthetic 20,000-line Windows-1252 file with a decimal comma.</summary>
internal static class ContinuityData
{
    static ContinuityData() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static byte[] SharedExtract()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vigie.slnx")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? ".", "..", "shared", "data", "facilities", "nord-pas-de-calais.csv");
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException("The shared facilities extract is needed beside the repository.", path);
    }

    public static byte[] Synthetic(int lines)
    {
        var text = new StringBuilder("finess;nom;adresse;code_postal;ville;latitude;longitude;telephone;tel_samu;capacites;statut;notes\r\n");
        var random = new Random(42);
        for (var i = 0; i < lines; i++)
        {
            var lat = (50.0 + (random.NextDouble() * 1.2)).ToString("0.00000", CultureInfo.GetCultureInfo("fr-FR"));
            var lon = (2.0 + (random.NextDouble() * 2.0)).ToString("0.00000", CultureInfo.GetCultureInfo("fr-FR"));
            text.Append(CultureInfo.InvariantCulture, $"59{i:0000000};Hôpital n°{i} de la Lys;{i} rue de l'Église;59280;Armentières;{lat};{lon};03 20 48 33 33;15;urgences_adultes maternite_type2a unv;ouvert;\"Données de test; générées\"\r\n");
        }

        return Encoding.GetEncoding(1252).GetBytes(text.ToString());
    }
}
