namespace Vigie.CommandPost.Actions;

/// <summary>Wire names: a_faire, en_cours, fait, abandonne.</summary>
public enum ActionStatus
{
    AFaire,
    EnCours,
    Fait,
    Abandonne,
}
