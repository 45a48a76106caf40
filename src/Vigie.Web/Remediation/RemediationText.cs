namespace Vigie.Web.Remediation;

/// <summary>Remediation plan pages (French default in RemediationText.resx, English in RemediationText.en.resx).</summary>
public sealed class RemediationText
{
}
