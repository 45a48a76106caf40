using System.Text;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Geo;

namespace Vigie.CommandPost.Continuity.Facilities;

/// <summary>Checks and normalises a facility (form, API, CSV line): one problem naming the field, or the clean data.</summary>
public static class FacilityValidation
{
    public const int AddressMaxLength = 300;
    public const int PhoneMaxLength = 30;

    public static Problem? Validate(FacilityInput input, out FacilityData? data)
    {
        ArgumentNullException.ThrowIfNull(input);
        data = null;
        var problem = Limits.Text("name", input.Name, Limits.NameMaxLength)
            ?? Limits.Text("address", input.Address, AddressMaxLength, required: false)
            ?? Limits.Text("postcode", input.Postcode, 10, required: false)
            ?? Limits.Text("city", input.City, 100, required: false)
            ?? Limits.Text("notes", input.Notes, Limits.ShortTextMaxLength, required: false);
        if (problem is not null)
        {
            return problem;
        }

        string? finess = null;
        if (!string.IsNullOrWhiteSpace(input.Finess))
        {
            finess = input.Finess.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            if (!IsFiness(finess))
            {
                return Problem.Invalid("finess", ProblemCode.FinessInvalid, input.Finess.Trim());
            }
        }

        if (input.Latitude is not { } lat || input.Longitude is not { } lon)
        {
            return Problem.Invalid(input.Latitude is null ? "latitude" : "longitude", ProblemCode.CoordinatesRequired);
        }

        if (!GeoPoint.IsValid(lat, lon))
        {
            return Problem.Invalid(lat is < -90 or > 90 || !double.IsFinite(lat) ? "latitude" : "longitude", ProblemCode.CoordinatesOutOfRange);
        }

        if (Phone("phone", input.Phone, out var phone) is { } phoneProblem)
        {
            return phoneProblem;
        }

        if (Phone("edPhone", input.EdPhone, out var edPhone) is { } edPhoneProblem)
        {
            return edPhoneProblem;
        }

        if (Phone("samuPhone", input.SamuPhone, out var samuPhone) is { } samuPhoneProblem)
        {
            return samuPhoneProblem;
        }

        var capabilities = new SortedSet<Capability>();
        foreach (var text in input.Capabilities ?? [])
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!WireName<Capability>.TryParse(text, out var capability))
            {
                return Problem.Invalid("capabilities", ProblemCode.CapabilityUnknown, text.Trim(), string.Join(", ", WireName<Capability>.All));
            }

            capabilities.Add(capability);
        }

        FacilityStatus? status = null;
        if (!string.IsNullOrWhiteSpace(input.Status))
        {
            var parsed = WireName<FacilityStatus>.ParseField("status", input.Status);
            if (!parsed.IsOk)
            {
                return parsed.Problem;
            }

            status = parsed.Value;
        }

        data = new FacilityData(finess, input.Name!.Trim(), Clean(input.Address), Clean(input.Postcode), Clean(input.City), lat, lon, input.Approximate,
            phone, edPhone, samuPhone, capabilities.ToList(), status, Clean(input.Notes));
        return null;
    }

    public static bool IsFiness(string value) =>
        value.Length == 9 &&
        (char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]) || value.StartsWith("2A", StringComparison.Ordinal) || value.StartsWith("2B", StringComparison.Ordinal)) &&
        value.AsSpan(2).IndexOfAnyExcept("0123456789") < 0;

    /// <summary>
    /// A phone number as people dial it: French numbers grouped by two (03 20 44 59 62); the 9-digit form that
    /// data extracts leave when they drop the leading zero (320445962) gets it back; short numbers (15) stay.
    /// </summary>
    public static Problem? Phone(string field, string? value, out string? normalised)
    {
        normalised = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > PhoneMaxLength || trimmed.AsSpan().IndexOfAnyExcept("0123456789 +.-()") >= 0 || !trimmed.Any(char.IsAsciiDigit))
        {
            return Problem.Invalid(field, ProblemCode.PhoneInvalid, trimmed, PhoneMaxLength);
        }

        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (!trimmed.StartsWith('+') && digits.Length == 9 && digits[0] != '0')
        {
            digits = "0" + digits;
        }

        if (!trimmed.StartsWith('+') && digits.Length == 10 && digits[0] == '0')
        {
            var grouped = new StringBuilder(14);
            for (var i = 0; i < 10; i += 2)
            {
                if (i > 0)
                {
                    grouped.Append(' ');
                }

                grouped.Append(digits, i, 2);
            }

            normalised = grouped.ToString();
            return null;
        }

        normalised = trimmed;
        return null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
