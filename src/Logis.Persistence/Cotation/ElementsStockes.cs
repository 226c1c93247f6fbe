using System.Buffers.Binary;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Cotation;

/// <summary>
/// The stored form of a demand's <see cref="ElementsCotation"/> (column <c>cotation_demande."Elements"</c>): what its
/// facts are built from at any date, written with every change of the demand, read back by the batch rescoring without
/// loading the aggregate (BENCHMARKS.md, « Cotation en lot »; ADR 0007). Little-endian, version 2:
/// <code>
/// 0  version (2)            1  flags: 1 disability, 2 commune link, 4 rent, 8 surface, 16 last refusal, 32 housing allowance,
///                              64 legal entity (never scored)
/// 2  current housing status 3  number of persons
/// 4  deposit date (day number, int32)         8  reasons (uint64)
/// 16 priorities declared (int32)  20 validated (int32)  24 refusals (int32)
/// 28 [last refusal (int32)] [rent (amount)] [surface (amount)] [housing allowance (amount)]
/// then per person: link (byte; bit 7: disability card), birth date (day number, int32), monthly resources (amount)
/// </code>
/// Version 1 (before the housing allowance and the disability card) is the same record without them: it still reads.
/// An amount is an exact decimal in 1 to 13 bytes: a byte (bits 0-4 scale, 5-6 number of 32-bit words of the mantissa,
/// 7 sign), then those words (a rent of 612.40 takes 5 bytes). About 60 bytes for a household of three.
/// An empty value means "not computed yet" (rows created by the migration): <see cref="CompleterAsync"/> fills them.
/// </summary>
public static class ElementsStockes
{
    public const byte Version = 2;
    private const int Entete = 28;
    private const byte Handicap = 1, LienCommune = 2, Loyer = 4, Surface = 8, DernierRefus = 16, Aide = 32, PersonneMorale = 64;
    private const byte CarteInvalidite = 0x80;

    public static byte[] Ecrire(in ElementsCotation e)
    {
        var personnes = e.Personnes;
        if (personnes.Length > byte.MaxValue) throw new ArgumentException("Trop de personnes à loger pour les éléments de cotation.", nameof(e));
        Span<byte> o = stackalloc byte[Entete + 4 + (3 * 13) + (personnes.Length * 18)];
        o[0] = Version;
        o[1] = (byte)((e.Handicap ? Handicap : 0) | (e.LienCommune ? LienCommune : 0) | (e.LoyerMensuel is null ? 0 : Loyer)
            | (e.Surface is null ? 0 : Surface) | (e.DernierRefus is null ? 0 : DernierRefus) | (e.AideLogement is null ? 0 : Aide)
            | (e.PersonneMorale ? PersonneMorale : 0));
        o[2] = checked((byte)e.StatutLogement);
        o[3] = (byte)personnes.Length;
        BinaryPrimitives.WriteInt32LittleEndian(o[4..], e.DateDepot.DayNumber);
        BinaryPrimitives.WriteUInt64LittleEndian(o[8..], e.Motifs);
        BinaryPrimitives.WriteInt32LittleEndian(o[16..], e.Priorites);
        BinaryPrimitives.WriteInt32LittleEndian(o[20..], e.PrioritesValidees);
        BinaryPrimitives.WriteInt32LittleEndian(o[24..], e.Refus);
        var i = Entete;
        if (e.DernierRefus is { } dernier) { BinaryPrimitives.WriteInt32LittleEndian(o[i..], dernier.DayNumber); i += 4; }
        if (e.LoyerMensuel is { } loyer) i = EcrireMontant(o, i, loyer);
        if (e.Surface is { } surface) i = EcrireMontant(o, i, surface);
        if (e.AideLogement is { } aide) i = EcrireMontant(o, i, aide);
        foreach (var p in personnes)
        {
            o[i] = (byte)(checked((byte)p.Lien) | (p.CarteInvalidite ? CarteInvalidite : 0));
            BinaryPrimitives.WriteInt32LittleEndian(o[(i + 1)..], p.DateNaissance.DayNumber);
            i = EcrireMontant(o, i + 5, p.RessourcesMensuelles);
        }
        return o[..i].ToArray();
    }

    /// <summary>
    /// Fills <paramref name="e"/> from <paramref name="octets"/>; the persons go to <paramref name="tampon"/> (grown when
    /// needed), which <see cref="ElementsCotation.Personnes"/> then points into. A value that is not exactly a version-1
    /// record is refused: the caller fails rather than score from a corrupt row.
    /// </summary>
    public static void Lire(ReadOnlySpan<byte> octets, ref ElementsCotation e, ref PersonneCotation[] tampon)
    {
        if (octets.Length < Entete || octets[0] is not (1 or Version)) throw Illisible(octets.Length == 0 ? "absents (lancez « logis migrate »)" : "d'une version inconnue");
        var drapeaux = octets[1];
        var nombre = octets[3];
        e.Handicap = (drapeaux & Handicap) != 0;
        e.LienCommune = (drapeaux & LienCommune) != 0;
        e.PersonneMorale = (drapeaux & PersonneMorale) != 0;
        e.StatutLogement = (StatutLogementActuel)octets[2];
        e.DateDepot = DateOnly.FromDayNumber(BinaryPrimitives.ReadInt32LittleEndian(octets[4..]));
        e.Motifs = BinaryPrimitives.ReadUInt64LittleEndian(octets[8..]);
        e.Priorites = BinaryPrimitives.ReadInt32LittleEndian(octets[16..]);
        e.PrioritesValidees = BinaryPrimitives.ReadInt32LittleEndian(octets[20..]);
        e.Refus = BinaryPrimitives.ReadInt32LittleEndian(octets[24..]);
        var i = Entete;
        e.DernierRefus = (drapeaux & DernierRefus) == 0 ? null : DateOnly.FromDayNumber(LireInt32(octets, ref i));
        e.LoyerMensuel = (drapeaux & Loyer) == 0 ? null : LireMontant(octets, ref i);
        e.Surface = (drapeaux & Surface) == 0 ? null : LireMontant(octets, ref i);
        e.AideLogement = (drapeaux & Aide) == 0 ? null : LireMontant(octets, ref i);
        if (tampon.Length < nombre) tampon = new PersonneCotation[Math.Max(nombre, tampon.Length * 2)];
        for (var k = 0; k < nombre; k++)
        {
            if (i >= octets.Length) throw Illisible("tronqués");
            var octetLien = octets[i++];
            var naissance = DateOnly.FromDayNumber(LireInt32(octets, ref i));
            tampon[k] = new PersonneCotation((LienPersonne)(octetLien & ~CarteInvalidite), naissance, LireMontant(octets, ref i), (octetLien & CarteInvalidite) != 0);
        }
        if (i != octets.Length) throw Illisible("tronqués");
        e.Personnes = tampon.AsSpan(0, nombre);
    }

    /// <summary>The stored elements of a demand (its aggregate as it is now).</summary>
    public static byte[] De(Demande demande)
    {
        var e = FaitsDepuisDemande.Elements(demande);
        return Ecrire(in e);
    }

    /// <summary>
    /// Computes the elements of the rows that have none (demands registered before the column existed: the migration
    /// creates their row empty), by lots of aggregates. Run by <c>logis migrate</c>; returns the number completed.
    /// </summary>
    public static async Task<int> CompleterAsync(LogisDbContext db, CancellationToken ct = default)
    {
        var fait = 0;
        while (true)
        {
            var lignes = await db.CotationsDemandes.Where(c => c.Elements.Length == 0).OrderBy(c => c.DemandeId).Take(RecalculCotation.TailleLot).ToListAsync(ct);
            if (lignes.Count == 0) return fait;
            var demandes = (await RecalculCotation.ChargerAsync(db, [.. lignes.Select(l => l.DemandeId)], ct)).ToDictionary(d => d.Id);
            foreach (var l in lignes) l.Suivre(demandes[l.DemandeId], l.EpciSiren);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            fait += lignes.Count;
        }
    }

    private static int EcrireMontant(Span<byte> o, int i, decimal d)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(d, bits);
        var mots = bits[2] != 0 ? 3 : bits[1] != 0 ? 2 : bits[0] != 0 ? 1 : 0;
        o[i] = (byte)(((bits[3] >> 16) & 0x1F) | (mots << 5) | (bits[3] < 0 ? 0x80 : 0));
        for (var k = 0; k < mots; k++) BinaryPrimitives.WriteInt32LittleEndian(o[(i + 1 + (4 * k))..], bits[k]);
        return i + 1 + (4 * mots);
    }

    private static decimal LireMontant(ReadOnlySpan<byte> o, ref int i)
    {
        if (i >= o.Length) throw Illisible("tronqués");
        var tete = o[i++];
        var mots = (tete >> 5) & 3;
        if ((tete & 0x1F) > 28) throw Illisible("d'une version inconnue");
        Span<int> m = stackalloc int[3];
        for (var k = 0; k < mots; k++) m[k] = LireInt32(o, ref i);
        return new decimal(m[0], m[1], m[2], (tete & 0x80) != 0, (byte)(tete & 0x1F));
    }

    private static int LireInt32(ReadOnlySpan<byte> o, ref int i)
    {
        if (i + 4 > o.Length) throw Illisible("tronqués");
        var v = BinaryPrimitives.ReadInt32LittleEndian(o[i..]);
        i += 4;
        return v;
    }

    private static InvalidDataException Illisible(string pourquoi) => new($"Éléments de cotation stockés {pourquoi}.");
}
