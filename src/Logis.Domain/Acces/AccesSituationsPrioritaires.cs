using Logis.Domain.Demandes;

namespace Logis.Domain.Acces;

/// <summary>
/// Who enters, decides and sees the priority situations of a demand they see (docs/regles/02-gestion-de-la-demande.md,
/// « Situations prioritaires et justificatifs » [D]: team choice, to be folded into the general competence table):
/// <list type="bullet">
/// <item>entering a situation or a DALO decision: every role that may act on the demand (<see cref="AccesDemandes.PeutAgir"/>) — a
/// guichet receives the paper, as for the pieces;</item>
/// <item>validating it against a piece, or refusing it: the agents who instruct the demand and see its sensitive data, EPCI and
/// bailleur (<see cref="PeutDecider"/>);</item>
/// <item>seeing which situation it is: everyone who sees the demand for an ordinary criterion; for a sensitive one (health, disability,
/// violence, exploitation: <see cref="CriteresPrioritaires.EstSensible"/>) only the roles that see sensitive data, the others learn only
/// how many restricted situations there are.</item>
/// </list>
/// </summary>
public static class AccesSituationsPrioritaires
{
    public static bool PeutDeclarer(Role role) => AccesDemandes.PeutAgir(role);

    /// <summary>The competent agent for the proof: validates or refuses a declared situation.</summary>
    public static bool PeutDecider(Role role) => role is Role.AgentEpci or Role.AgentBailleur;

    public static bool Voit(Role role, CriterePrioritaire critere) => !critere.EstSensible() || AccesDemandes.VoitDonneesSensibles(role);
}
