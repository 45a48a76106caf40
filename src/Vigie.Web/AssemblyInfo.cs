[assembly: System.CLSCompliant(false)]
[assembly: System.Resources.NeutralResourcesLanguage("fr")]
