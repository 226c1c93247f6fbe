#!/usr/bin/env bash
# Mesure la présélection des candidats d'une vacance (GET /api/v1/vacances/{id}/candidats, par le cas d'usage) sur PostgreSQL
# avec N demandes (défaut 1 000 000). Démarre son propre PostgreSQL jetable, construit le territoire TPM, sème 16 000 demandes
# puis les multiplie (SQL + COPY), calcule leurs cotations (logis cotation recalculer), puis déclare six vacances et mesure
# MESURES présélections (défaut 250) : p50, p95, max, et la charge de la machine. Imprime aussi le plan de la requête de lecture.
# Avec BENCH_AVANT=<chemin d'un Logis.Bench.dll construit sur un commit antérieur>, les deux versions mesurent tour à tour la même
# base (avant, après, avant, après : MESURES/2 chacune), pour comparer dans un même run sur une machine bruyante.
# Usage : flock /tmp/logis-bench.lock [BENCH_AVANT=…] bench/preselection.sh [N] [MESURES]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
MESURES=${2:-250}
dotnet build src/Logis.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/Logis.Bench -c Release -v q -nologo >/dev/null
CLI="dotnet src/Logis.Cli/bin/Release/net10.0/logis.dll"
BENCH="dotnet bench/Logis.Bench/bin/Release/net10.0/Logis.Bench.dll"
TMP=$(mktemp -d /tmp/logis-bench-preselection.XXXXXX)
PGBIN=$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RUNAS=(); if [ "$(id -u)" = 0 ]; then chown postgres "$TMP"; RUNAS=(runuser -u postgres --); fi
"${RUNAS[@]}" "$PGBIN/initdb" -D "$TMP/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg" -o "-p $PORT -k $TMP -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=4GB" -l "$TMP/pg.log" -w start >/dev/null
trap '"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg" -m immediate stop >/dev/null; rm -rf "$TMP"' EXIT
PG="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
echo "--- Préparation : $N demandes ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
$CLI --base postgresql --connexion "$PG" migrate >/dev/null
$CLI --base postgresql --connexion "$PG" seed-demo --epci 248300543 --sans-comptes-demo >/dev/null
$CLI --base postgresql --connexion "$PG" mixite seuil definir --annee "$(date +%Y)" --montant 8900 --source "banc de mesure" --demonstration >/dev/null
$BENCH demandes-lot "$PG" "$N"
$CLI --base postgresql --connexion "$PG" cotation recalculer --epci 248300543 >/dev/null
psql -h 127.0.0.1 -p "$PORT" -U postgres -X -q -c 'VACUUM (ANALYZE)' 
if [ -n "${BENCH_AVANT:-}" ]; then
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
echo "--- Plan de la lecture (premier lot, T3 de la commune la plus peuplée)"
psql -h 127.0.0.1 -p "$PORT" -U postgres -X -q <<'SQL'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c."DemandeId", c."Total", d."DateDepot", d."Numero", d."Contenu"
FROM cotation_demande c JOIN demande d ON c."DemandeId" = d."Id"
WHERE c."EpciSiren" = '248300543' AND c."Statut" = 1 AND (d."ToutEpci" OR d."CommunesSouhaitees" LIKE '%|83137|%') AND d."Typologies" LIKE '%|T3|%'
ORDER BY c."Total" IS NULL, c."Total" DESC, d."DateDepot", d."Numero" LIMIT 100;
SQL
echo "--- Plan de la lecture (premier lot, T3 d'une petite commune)"
psql -h 127.0.0.1 -p "$PORT" -U postgres -X -q <<'SQL'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c."DemandeId", c."Total", d."DateDepot", d."Numero", d."Contenu"
FROM cotation_demande c JOIN demande d ON c."DemandeId" = d."Id"
WHERE c."EpciSiren" = '248300543' AND c."Statut" = 1 AND (d."ToutEpci" OR d."CommunesSouhaitees" LIKE '%|83034|%') AND d."Typologies" LIKE '%|T3|%'
ORDER BY c."Total" IS NULL, c."Total" DESC, d."DateDepot", d."Numero" LIMIT 100;
SQL
