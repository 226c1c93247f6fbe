using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Logis.E2E;

/// <summary>
/// The check run on every page the browser tests visit: axe-core with no violation (RGAA / WCAG 2.1 AA) and reflow
/// (RGAA 10.11, WCAG 1.4.10) at 1280 and 320 CSS px. Screenshots are kept at both widths in artifacts/screenshots.
/// </summary>
public static class ControlePage
{
    /// <summary>The widths at which every page must hold without horizontal scrolling.</summary>
    public static readonly int[] Largeurs = [1280, 320];

    /// <summary>Height of the browser window (the tests' usual viewport is 1280 × 900).</summary>
    public const int Hauteur = 900;

    /// <summary>
    /// Runs axe-core, then the reflow check at each width, keeps a full-page screenshot at each width
    /// (<c>nom.png</c> at 1280 px, <c>nom-320.png</c> at 320 px) and fails with every problem found.
    /// The page is left at 1280 px.
    /// </summary>
    public static async Task VerifierAsync(IPage page, string nom)
    {
        var problemes = new List<string>();
        var resultat = await page.RunAxe();
        if (resultat.Violations.Length > 0)
        {
            problemes.Add("Violations axe :\n" + string.Join("\n", resultat.Violations.Select(v =>
                $"{v.Id} ({v.Impact}) : {v.Help} — {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
        }
        try
        {
            foreach (var largeur in Largeurs)
            {
                await page.SetViewportSizeAsync(largeur, Hauteur);
                var suffixe = largeur == 1280 ? "" : $"-{largeur}";
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServeurLogis.DossierCaptures, $"{nom}{suffixe}.png"), FullPage = true });
                var debordements = await DebordementsAsync(page);
                if (debordements.Length > 0)
                {
                    problemes.Add($"Défilement horizontal à {largeur} px (RGAA 10.11) :\n" + string.Join("\n", debordements));
                }
            }
        }
        finally
        {
            await page.SetViewportSizeAsync(1280, Hauteur);
        }
        Assert.True(problemes.Count == 0, $"Page « {nom} » ({page.Url}) :\n{string.Join("\n\n", problemes)}");
    }

    /// <summary>The reflow problems of the page at its current viewport width, one line each (none when the page holds).</summary>
    public static Task<string[]> DebordementsAsync(IPage page) => page.EvaluateAsync<string[]>(ScriptDebordements);

    /// <summary>
    /// Returns one line per problem: the document scrolls horizontally, or an element (or a piece of text) of the page
    /// reaches beyond the viewport. Content inside a container that scrolls on purpose is allowed when that container is
    /// announced and reachable with the keyboard (overflow-x auto or scroll, role="region", tabindex="0", an accessible
    /// name), as RGAA allows for wide data tables; such a container without those attributes is itself a problem.
    /// Elements placed off-screen to the left on purpose (skip link) and content clipped by a visually hidden box are ignored.
    /// </summary>
    private const string ScriptDebordements = """
        () => {
          const largeur = window.innerWidth;
          const visible = Math.min(largeur, document.documentElement.clientWidth || largeur);
          const tolerance = 1;
          const problemes = [];
          const doc = document.documentElement;
          if (doc.scrollWidth > largeur + tolerance) {
            problemes.push(`le document défile : scrollWidth ${doc.scrollWidth} px > ${largeur} px`);
          }
          const styles = new Map();
          const style = e => { let s = styles.get(e); if (!s) { s = getComputedStyle(e); styles.set(e, s); } return s; };
          const defile = s => s.overflowX === 'auto' || s.overflowX === 'scroll';
          const coupe = s => s.overflowX === 'hidden' || s.overflowX === 'clip';
          const regionAccessible = e => e.getAttribute('role') === 'region' && e.getAttribute('tabindex') === '0'
            && ((e.getAttribute('aria-label') || '').trim() !== '' || (e.getAttribute('aria-labelledby') || '').trim() !== '');
          const decrire = e => {
            let d = e.tagName.toLowerCase();
            if (e.id) d += '#' + e.id;
            const classes = typeof e.className === 'string' ? e.className.trim() : '';
            if (classes) d += '.' + classes.split(/\s+/).join('.');
            const texte = (e.textContent || '').replace(/\s+/g, ' ').trim();
            if (texte) d += ` « ${texte.length > 60 ? texte.slice(0, 60) + '…' : texte} »`;
            return d;
          };
          // Right edge still visible once clipped by the ancestors; null when the node is inside a proper scroll region.
          // An absolutely positioned box is clipped only by its containing block (the nearest positioned ancestor) and above.
          const bordDroit = (depart, rect, libre) => {
            let droite = rect.right;
            for (let a = depart; a && a !== document.body; a = a.parentElement) {
              const s = style(a);
              const positionne = s.position !== 'static';
              if (!libre || positionne) {
                if (defile(s)) {
                  if (regionAccessible(a)) return null;
                  droite = Math.min(droite, a.getBoundingClientRect().right);
                } else if (coupe(s)) {
                  const r = a.getBoundingClientRect();
                  if (r.width <= 1 || r.height <= 1) return null; // visually hidden text
                  droite = Math.min(droite, r.right);
                }
              }
              if (positionne) libre = s.position === 'absolute' || s.position === 'fixed';
            }
            return droite;
          };
          const fautifs = new Map();
          const noter = (e, rect, droite) => {
            if (!fautifs.has(e)) fautifs.set(e, `largeur ${Math.round(rect.width)} px, de ${Math.round(rect.left)} à ${Math.round(droite)} px`);
          };
          for (const e of document.body.querySelectorAll('*')) {
            const s = style(e);
            if (s.display === 'none' || s.visibility === 'hidden' || s.position === 'fixed') continue;
            const rect = e.getBoundingClientRect();
            if (rect.width === 0 && rect.height === 0) continue;
            if (rect.right <= 0) continue; // placed off-screen on purpose (skip link)
            // A container that scrolls sideways must be a labelled, focusable region.
            if (defile(s) && e.scrollWidth > e.clientWidth + tolerance && !regionAccessible(e)) {
              fautifs.set(e, `défile horizontalement (contenu de ${e.scrollWidth} px dans ${e.clientWidth} px) sans role="region", tabindex="0" et aria-label`);
            }
            const droite = bordDroit(e.parentElement, rect, s.position === 'absolute');
            if (droite !== null && (droite > visible + tolerance || rect.left < -tolerance)) {
              noter(e, rect, droite);
            }
          }
          // Text that overflows its box (a long word, a nowrap cell) is measured by its own line boxes.
          const marcheur = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const plage = document.createRange();
          for (let t = marcheur.nextNode(); t; t = marcheur.nextNode()) {
            const parent = t.parentElement;
            if (!parent || !t.textContent.trim() || parent.closest('script, style, template, option, title')) continue;
            plage.selectNodeContents(t);
            const rect = plage.getBoundingClientRect();
            if (rect.width === 0 || rect.right <= 0) continue;
            const droite = bordDroit(parent, rect, false);
            if (droite !== null && droite > visible + tolerance) noter(parent, rect, droite);
          }
          // Report the outermost offenders, each with the innermost offender it contains.
          const tous = [...fautifs.keys()];
          const lignes = [];
          for (const e of tous) {
            let a = e.parentElement;
            while (a && !fautifs.has(a)) a = a.parentElement;
            if (a) continue;
            const dedans = tous.filter(x => x !== e && e.contains(x));
            let ligne = `- ${decrire(e)} : ${fautifs.get(e)}`;
            if (dedans.length > 0) {
              const fond = dedans.find(x => !dedans.some(y => y !== x && x.contains(y))) ?? dedans[dedans.length - 1];
              ligne += ` ; ${dedans.length} élément(s) dedans dépassent aussi, par exemple ${decrire(fond)} : ${fautifs.get(fond)}`;
            }
            lignes.push(ligne);
          }
          if (problemes.length > 0 && lignes.length === 0) {
            lignes.push('- aucun élément visible ne dépasse : chercher un contenu positionné ou transformé');
          }
          return problemes.concat(lignes.slice(0, 15), lignes.length > 15 ? [`… et ${lignes.length - 15} autre(s)`] : []);
        }
        """;
}
