using Logis.Domain.Pieces;

namespace Logis.Domain.Acces;

/// <summary>
/// Who sees and handles the supporting documents of a demand they see (docs/protection-des-donnees.md §2 items 7, 8):
/// <list type="bullet">
/// <item>an ordinary piece: its title and content, for every role that sees the demand;</item>
/// <item>a sensitive piece (medical, judicial, violence, NIR-bearing): its title and content only for the roles that see sensitive
/// data (<see cref="AccesDemandes.VoitDonneesSensibles"/>); the others learn only how many restricted pieces there are;</item>
/// <item>depositing a piece: every role that may act on the demand (<see cref="AccesDemandes.PeutAgir"/>), sensitive ones included
/// (a guichet receives the paper); replacing or removing a sensitive piece also needs to see it.</item>
/// </list>
/// </summary>
public static class AccesPieces
{
    public static bool Voit(Role role, Sensibilite sensibilite) =>
        sensibilite == Sensibilite.Ordinaire || AccesDemandes.VoitDonneesSensibles(role);

    public static bool PeutDeposer(Role role) => AccesDemandes.PeutAgir(role);

    public static bool PeutRemplacerOuRetirer(Role role, Sensibilite sensibilite) => AccesDemandes.PeutAgir(role) && Voit(role, sensibilite);
}
