#!/usr/bin/env bash
# Mesure la présélection des candidats d'une vacance (GET /api/v1/vacances/{id}/candidats, par le cas d'usage) sur PostgreSQL
# avec N demandes (défaut 1 000 000). Démarre son propre PostgreSQL jetable, construit le territoire TPM, sème 16 000 demandes
# puis les multiplie (SQL + COPY), calcule leurs cotations (logis cotation recalculer), puis déclare six vacances et mesure
# MESURES présélections (défaut 250) : p50, p95, max, et la charge de la machine. Imprime aussi le plan de la requête de lecture.
# Avec BENCH_AVANT=<chemin d'un Logis.Bench.dll construit sur un commit antérieur>, les deux versions mesurent tour à tour la même
# base (avant, après, avant, après : MESURES/2 chacune), pour comparer dans un même run sur une machine bruyante.
# Avec BENCH_BASE=<dossier>, la base est gardée dans ce dossier et réutilisée au lancement suivant (la préparation, plusieurs minutes
# pour un million de demandes, n'est faite qu'une fois ; supprimer le dossier pour la refaire).
# Usage : flock /tmp/logis-bench.lock [BENCH_AVANT=…] [BENCH_BASE=…] bench/preselection.sh [N] [MESURES]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
MESURES=${2:-250}
dotnet build src/Logis.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/Logis.Bench -c Release -v q -nologo >/dev/null
CLI="dotnet src/Logis.Cli/bin/Release/net10.0/logis.dll"
BENCH="dotnet bench/Logis.Bench/bin/Release/net10.0/Logis.Bench.dll"
if [ -n "${BENCH_BASE:-}" ]; then TMP=$BENCH_BASE; mkdir -p "$TMP"; else TMP=$(mktemp -d /tmp/logis-bench-preselection.XXXXXX); fi
. bench/lib/postgres.sh
PREPARER=1
if [ -f "$TMP/pg/prete" ]; then PREPARER=0; else rm -rf "$TMP/pg"; pg_initdb "$TMP"; fi
if [ -n "${BENCH_BASE:-}" ]; then trap 'pg_arreter "$TMP" fast' EXIT; else trap 'pg_nettoyer "$TMP"' EXIT; fi
pg_demarrer "$TMP" -c shared_buffers=1GB -c max_wal_size=4GB
if [ "$PREPARER" = 1 ]; then
  echo "--- Préparation : $N demandes ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
  $CLI --base postgresql --connexion "$PG" migrate >/dev/null
  $CLI --base postgresql --connexion "$PG" seed-demo --epci 248300543 --sans-comptes-demo >/dev/null
  $CLI --base postgresql --connexion "$PG" mixite seuil definir --annee "$(date +%Y)" --montant 8900 --source "banc de mesure" --demonstration >/dev/null
  $BENCH demandes-lot "$PG" "$N"
  /usr/bin/time -f "recalcul : %e s" $CLI --base postgresql --connexion "$PG" cotation recalculer --epci 248300543 >/dev/null
  "${PSQL[@]}" -c 'VACUUM (ANALYZE)'
  touch "$TMP/pg/prete"
else
  echo "--- Base réutilisée : $TMP ($("${PSQL[@]}" -At -c 'SELECT count(*) FROM cotation_demande WHERE "Statut" = 1') demandes actives)"
fi
if [ -n "${BENCH_AVANT:-}" ]; then
  # The index the previous versions read (dropped by the migration IndexPreselection): rebuilt so that « avant » runs with its own plan.
  "${PSQL[@]}" -c 'CREATE INDEX IF NOT EXISTS "IX_cotation_demande_preselection" ON cotation_demande ("EpciSiren", ("Total" IS NULL), "Total" DESC) INCLUDE ("DemandeId") WHERE "Statut" = 1'
  for tour in 1 2; do
    echo "--- Mesure AVANT ($BENCH_AVANT), tour $tour ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
    dotnet "$BENCH_AVANT" preselection "$PG" $((MESURES / 4))
    echo "--- Mesure APRÈS, tour $tour ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
    $BENCH preselection "$PG" $((MESURES / 4))
  done
else
  echo "--- Mesure ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
  $BENCH preselection "$PG" "$MESURES"
fi
for c in 83137 83034; do
  echo "--- Plan de la lecture (premier lot, T3 de $c)"
  "${PSQL[@]}" <<SQL
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM (SELECT * FROM preselection_demande WHERE "EpciSiren" = '248300543' AND "Commune" = '$c' AND "Typologie" = 'T3'
               ORDER BY "Total" DESC NULLS LAST, "DateDepot", "Numero" LIMIT 100) AS c
UNION ALL
SELECT * FROM (SELECT * FROM preselection_demande WHERE "EpciSiren" = '248300543' AND "Commune" = '*' AND "Typologie" = 'T3'
               ORDER BY "Total" DESC NULLS LAST, "DateDepot", "Numero" LIMIT 100) AS e
ORDER BY "Total" DESC NULLS LAST, "DateDepot", "Numero" LIMIT 100 OFFSET 0;
SQL
done
echo "--- Index de présélection : $("${PSQL[@]}" -At -c "SELECT count(*) || ' lignes, table ' || pg_size_pretty(pg_table_size('preselection_demande')) || ', index ' || pg_size_pretty(pg_indexes_size('preselection_demande')) FROM preselection_demande")"
