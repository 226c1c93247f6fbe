#!/usr/bin/env bash
# Which read queries use the plain EF indexes IX_demande_EpciSiren_NomDemandeur and IX_demande_EpciSiren_Statut, and what
# changes without them: runs `Logis.Bench requetes-demandes` (real search service + the LINQ of the other queries on demande)
# on the cluster of bench/copie-serveur.sh, with auto_explain logging every plan, once per scenario (index dropped for
# real, then re-created), under the bench lock.
# Usage : bench/copie-serveur/requetes-index.sh   (after bench/copie-serveur.sh preparer)
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${DIR:-/tmp/perf-serveur-pg}
PORT=${PORT:-55940}
OUT=${OUT:-$DIR/requetes}
mkdir -p "$OUT"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres)
CNX="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres;Options=-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 -c auto_explain.log_analyze=on -c auto_explain.log_timing=off"
[ "${1:-}" = scenario ] || dotnet build bench/Logis.Bench -c Release -v q -nologo >/dev/null
NOM='CREATE INDEX "IX_demande_EpciSiren_NomDemandeur" ON demande ("EpciSiren", "NomDemandeur")'
STATUT='CREATE INDEX "IX_demande_EpciSiren_Statut" ON demande ("EpciSiren", "Statut")'
scenario() {
  local nom=$1 supprimer=$2 recreer=$3
  local debut; debut=$(stat -c %s "$DIR/pg.log")
  [ -n "$supprimer" ] && "${PSQL[@]}" -c "$supprimer"
  "${PSQL[@]}" -c "VACUUM ANALYZE demande"
  echo "== $nom (charge $(cut -d' ' -f1-3 /proc/loadavg))"
  dotnet bench/Logis.Bench/bin/Release/net10.0/Logis.Bench.dll requetes-demandes "$CNX" | tee "$OUT/$nom.md"
  [ -n "$recreer" ] && "${PSQL[@]}" -c "$recreer"
  tail -c +"$((debut + 1))" "$DIR/pg.log" > "$OUT/$nom.log"
}
if [ "${1:-}" = scenario ]; then scenario "$2" "$3" "$4"; exit; fi
# One scenario per locked section (each about a minute).
flock -o /tmp/logis-bench.lock "$0" scenario tel_quel "" ""
flock -o /tmp/logis-bench.lock "$0" scenario sans_IX_NomDemandeur 'DROP INDEX "IX_demande_EpciSiren_NomDemandeur"' "$NOM"
flock -o /tmp/logis-bench.lock "$0" scenario sans_IX_Statut 'DROP INDEX "IX_demande_EpciSiren_Statut"' "$STATUT"
# Index use per query: which indexes appear in the logged plans, per scenario.
for f in "$OUT"/*.log; do
  echo "== $(basename "$f" .log)"
  grep -oP 'Index (Only )?Scan (Backward )?using "?\K[A-Za-z_]+|Seq Scan on \w+|Bitmap Index Scan on "?\K[A-Za-z_]+' "$f" | sort | uniq -c
done
