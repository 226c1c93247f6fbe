namespace Logis.E2E;

/// <summary>The reflow check itself, on small pages written for it: it finds what overflows and lets a proper scroll region be.</summary>
[Collection(CollectionServeur.Nom)]
public class ControlePageTests(ServeurLogis serveur)
{
    private async Task<string[]> DebordementsAsync(string corps)
    {
        var page = await serveur.NouvellePageAsync();
        await page.SetViewportSizeAsync(320, ControlePage.Hauteur);
        await page.SetContentAsync($"<!DOCTYPE html><html lang=\"fr\"><head><meta name=\"viewport\" content=\"width=device-width\"><title>Essai</title></head><body><main>{corps}</main></body></html>");
        var debordements = await ControlePage.DebordementsAsync(page);
        await page.Context.CloseAsync();
        return debordements;
    }

    private const string TableLarge = "<table style=\"width: 900px\"><caption>Essai</caption><tr><th>A</th><td>B</td></tr></table>";

    [Fact]
    public async Task Un_element_trop_large_est_nomme_avec_sa_largeur()
    {
        var debordements = await DebordementsAsync("<p>Court.</p><div id=\"large\" class=\"bloc\" style=\"width: 600px\">Trop large</div>");
        Assert.Contains(debordements, l => l.Contains("le document défile", StringComparison.Ordinal));
        Assert.Contains(debordements, l => l.Contains("div#large.bloc", StringComparison.Ordinal) && l.Contains("largeur 600 px", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Un_mot_trop_long_qui_deborde_de_son_cadre_est_trouve()
    {
        var debordements = await DebordementsAsync($"<p id=\"mot\">{new string('x', 120)}</p>");
        Assert.Contains(debordements, l => l.Contains("p#mot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Une_table_large_dans_une_region_defilante_annoncee_est_admise()
    {
        var debordements = await DebordementsAsync(
            $"<div role=\"region\" tabindex=\"0\" aria-label=\"Essai\" style=\"overflow-x: auto; position: relative\">{TableLarge}</div>");
        Assert.Empty(debordements);
    }

    [Fact]
    public async Task Une_region_defilante_qui_n_est_ni_nommee_ni_atteignable_au_clavier_est_signalee()
    {
        var debordements = await DebordementsAsync($"<div id=\"muette\" style=\"overflow-x: auto\">{TableLarge}</div>");
        Assert.Contains(debordements, l => l.Contains("div#muette", StringComparison.Ordinal) && l.Contains("role=\"region\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Le_texte_visuellement_cache_n_est_pas_un_debordement_mais_une_boite_positionnee_hors_de_sa_region_l_est()
    {
        const string Cache = "<span class=\"cache\" style=\"position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap\">texte pour les lecteurs d'écran</span>";
        Assert.Empty(await DebordementsAsync($"<p>Lien{Cache}</p>"));
        // Without position: relative, the region does not clip an absolutely positioned box: the page scrolls.
        var debordements = await DebordementsAsync(
            $"<div role=\"region\" tabindex=\"0\" aria-label=\"Essai\" style=\"overflow-x: auto\"><table style=\"width: 900px\"><tr><td>A</td><td style=\"text-align: right\">B{Cache}</td></tr></table></div>");
        Assert.Contains(debordements, l => l.Contains("span.cache", StringComparison.Ordinal));
    }
}
