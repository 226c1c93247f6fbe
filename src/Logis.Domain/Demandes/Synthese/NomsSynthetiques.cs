namespace Logis.Domain.Demandes.Synthese;

/// <summary>
/// Small lists of names for synthetic demands, written for Logis: frequent French surnames and names
/// common in France across generations and origins. Nothing is derived from a real file of persons.
/// </summary>
internal static class NomsSynthetiques
{
    public static readonly string[] Noms =
    [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
        "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
        "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
        "Rodriguez", "Martinez", "Lopez", "Fernandez", "Da Silva", "Pereira", "Ferreira", "Nguyen", "Tran", "Benali",
        "Haddad", "Mansouri", "Bensaïd", "Cherif", "Diallo", "Traoré", "Diop", "Camara", "Kone", "Yilmaz",
        "Rossi", "Esposito", "Giordano", "Santini", "Pastor", "Arnaud", "Barbier", "Brun", "Olivier", "Giraud",
    ];

    public static readonly string[] PrenomsFeminins =
    [
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine", "Céline", "Stéphanie", "Aurélie", "Julie",
        "Émilie", "Laura", "Sarah", "Camille", "Manon", "Léa", "Chloé", "Inès", "Jade", "Louise",
        "Emma", "Lina", "Alice", "Zoé", "Anna", "Yasmine", "Fatima", "Nadia", "Samira", "Amina",
        "Sofia", "Maria", "Ana", "Linh", "Aïcha", "Mariam", "Océane", "Clara", "Jeanne", "Monique",
        "Josiane", "Martine", "Christiane", "Françoise", "Élodie", "Karima", "Leïla", "Rose", "Lucie", "Mélissa",
    ];

    public static readonly string[] PrenomsMasculins =
    [
        "Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "Christophe", "Stéphane", "Sébastien",
        "Julien", "David", "Thomas", "Kevin", "Maxime", "Alexandre", "Hugo", "Lucas", "Louis", "Gabriel",
        "Léo", "Nathan", "Adam", "Raphaël", "Arthur", "Noah", "Mohamed", "Karim", "Mehdi", "Youssef",
        "Rachid", "Sofiane", "Bilal", "Moussa", "Mamadou", "José", "Antonio", "Paulo", "Minh", "Anthony",
        "Jordan", "Dylan", "Enzo", "Mathis", "Théo", "Yanis", "Bernard", "Gérard", "André", "Marcel",
    ];

    public static readonly string[] Voies =
    [
        "rue de la République", "avenue Jean Jaurès", "boulevard de Strasbourg", "rue Victor Hugo", "avenue de la Libération",
        "rue Pasteur", "chemin des Oliviers", "rue des Écoles", "avenue du Maréchal Foch", "place de la Liberté",
        "rue Jean Moulin", "boulevard Général Leclerc", "impasse des Pins", "rue de la Gare", "allée des Mimosas",
    ];
}
