#!/usr/bin/env bash
# Mesure « logis cotation recalculer » sur PostgreSQL avec N demandes (défaut 1 000 000).
# Démarre son propre PostgreSQL jetable, construit le territoire TPM, sème 16 000 demandes puis les multiplie
# (SQL + COPY, préparation seulement), et lance trois recalculs (premières cotations ; réécriture après VACUUM et
# CHECKPOINT ; la même avec wal_compression = lz4), chacun avec ses étapes (LOGIS_TRACE_RECALCUL) et la charge de la
# machine ; puis mesure le plancher SQL : la même écriture finale, seule, et la part des mises à jour HOT.
# Usage : flock /tmp/logis-bench.lock bench/cotation-lot.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
dotnet build src/Logis.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/Logis.Bench -c Release -v q -nologo >/dev/null
CLI="dotnet src/Logis.Cli/bin/Release/net10.0/logis.dll"
BENCH="dotnet bench/Logis.Bench/bin/Release/net10.0/Logis.Bench.dll"
TMP=$(mktemp -d /tmp/logis-bench-cotation.XXXXXX)
. bench/lib/postgres.sh
# Default durability settings (fsync on): the measure is that of a real server, not of the test cluster.
pg_jetable "$TMP" -c shared_buffers=1GB -c max_wal_size=4GB
$CLI --base postgresql --connexion "$PG" migrate >/dev/null
$CLI --base postgresql --connexion "$PG" seed-demo --epci 248300543 --sans-comptes-demo >/dev/null
$BENCH demandes-lot "$PG" "$N"
export LOGIS_TRACE_RECALCUL=1
PSQL+=(-v ON_ERROR_STOP=1)
RECALCUL=(/usr/bin/time -f "%e s, pic %M Kio, CPU du processus %U s + %S s" $CLI --base postgresql --connexion "$PG" cotation recalculer --epci 248300543)
# Between two nightly runs, autovacuum has cleaned the previous versions and checkpoints have run: the next run writes a
# full-page image of each page it modifies first (full_page_writes). The same state is made here before runs 2 and 3.
nuit() { "${PSQL[@]}" -c 'VACUUM (ANALYZE) cotation_demande' -c 'CHECKPOINT'; }
echo "--- 1. Premier recalcul (aucune cotation calculée : chaque ligne reçoit sa première) ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
"${RECALCUL[@]}"
nuit
echo "--- 2. Second recalcul, après VACUUM et CHECKPOINT (toutes les cotations réécrites) ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
"${RECALCUL[@]}"
"${PSQL[@]}" -c "ALTER SYSTEM SET wal_compression = 'lz4'" -c 'SELECT pg_reload_conf()' >/dev/null
nuit
echo "--- 3. Le même, wal_compression = lz4 (images de pages compressées dans le WAL) ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
"${RECALCUL[@]}"
nuit
echo "--- Plancher SQL : l'écriture finale seule (UPDATE … FROM depuis une table temporaire déjà remplie) ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
"${PSQL[@]}" <<SQL
BEGIN; SET LOCAL jit = off; SET LOCAL work_mem = '256MB';
CREATE TEMP TABLE l ON COMMIT DROP AS SELECT "DemandeId", xmin AS "Lu", "Total" + 1 AS "Total", "GrilleId", "Version" FROM cotation_demande WHERE "Total" IS NOT NULL;
ANALYZE l;
\timing on
UPDATE cotation_demande c SET "Total" = l."Total", "GrilleId" = l."GrilleId", "Version" = l."Version", "CalculeeLe" = now()
  FROM l WHERE c."DemandeId" = l."DemandeId" AND c.xmin = l."Lu";
COMMIT;
SQL
"${PSQL[@]}" -c "SELECT n_tup_upd AS \"mises à jour\", n_tup_hot_upd AS \"dont HOT\", pg_size_pretty(pg_relation_size('cotation_demande')) AS taille FROM pg_stat_user_tables WHERE relname = 'cotation_demande'"
