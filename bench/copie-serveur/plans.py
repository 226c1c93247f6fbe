#!/usr/bin/env python3
"""Summarises the auto_explain plans of requetes-index.sh: per query text, the scan nodes (index or seq scan) per scenario,
and the queries whose plan changes when an index is dropped. Usage: plans.py DIR (holding SCENARIO.log files)."""
import re, sys, glob, os
def blocs(chemin):
    courant = None
    for ligne in open(chemin, errors='replace'):
        if 'plan:' in ligne and 'duration:' in ligne:
            if courant: yield courant
            courant = []
        elif courant is not None and ligne.startswith('\t'):
            courant.append(ligne[1:].rstrip('\n'))
        elif courant is not None:
            yield courant; courant = None
    if courant: yield courant
def resume(chemin):
    plans = {}
    for b in blocs(chemin):
        texte = []; noeuds = []
        en_texte = True
        for l in b:
            if l.startswith('Query Text:'): texte.append(l[11:].strip()); continue
            if en_texte and not re.search(r'\(cost=|\(actual', l): texte.append(l.strip()); continue
            en_texte = False
            m = re.search(r'((?:Parallel )?(?:Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: Backward)?)(?: using| on) "?([\w]+)"?', l)
            if m: noeuds.append(f"{m.group(1)}:{m.group(2)}")
            m = re.search(r'Heap Fetches: (\d+)', l)
        cle = re.sub(r'\s+', ' ', ' '.join(texte))
        cle = re.sub(r"'[^']*'", "'?'", cle)
        if 'demande' in cle and 'pg_' not in cle: plans[cle] = ' + '.join(noeuds)
    return plans
d = sys.argv[1]
sc = {os.path.basename(f)[:-4]: resume(f) for f in sorted(glob.glob(os.path.join(d, '*.log')))}
base = sc.get('tel_quel', {})
print(f"{len(base)} requêtes distinctes sur demande (tel_quel)")
for cle, plan in base.items():
    print(f"\n* {cle[:230]}\n    tel_quel : {plan}")
    for nom, p in sc.items():
        if nom != 'tel_quel' and p.get(cle) != plan: print(f"    {nom} : {p.get(cle, '(absente)')}")
