#!/usr/bin/env bash
# Server-only cost of the three binary COPYs of the demand import (ImportDemandes.CopierAsync):
# COPY demande / demande_evenement / cotation_demande FROM a server file, 100,000 demands, one transaction,
# backend CPU (utime+stime of the backend, read from /proc/self/stat by the backend itself) and wall time.
#
# Usage : bench/copie-serveur.sh [preparer|mesurer|arreter|tout] [REPETITIONS=5]
#   preparer : throwaway cluster in $DIR (default /tmp/perf-serveur-pg), real schema (logis migrate), seed-demo (TPM),
#              3 x 100,000 generated demands imported with the real CLI import, then 100,000 demands (the last
#              imported ones) dumped in binary with the column lists of CopierAsync and DELETEd + VACUUMed so that
#              the experiments can insert them again (always rolled back, except the COMMIT variant which deletes them after).
#   mesurer  : every variant of bench/copie-serveur/variantes.sql, REPETITIONS times each, round-robin, each repetition
#              under flock /tmp/logis-bench.lock (a few seconds each), preceded by VACUUM of the three tables and CHECKPOINT.
#   arreter  : stops the cluster and removes $DIR.
# Messages are in French like the other bench scripts; results go to $DIR/mesures.tsv and a summary on stdout.
set -euo pipefail
SERIE=${SERIE:-${SEULE:-}}   # suffix of the results file (mesures-SERIE.tsv)
cd "$(dirname "$0")/.."
ETAPE=${1:-tout}
REPS=${2:-5}
DIR=${DIR:-/tmp/perf-serveur-pg}
PORT=${PORT:-55940}
EPCI=248300543
. bench/lib/postgres.sh
PG_PORT=$PORT   # fixed: bench/copie-serveur/une-mesure.sh and requetes-index.sh find the cluster there between runs
CNX="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres)
VERROU=/tmp/logis-bench.lock

preparer() {
  rm -rf "$DIR"; mkdir -p "$DIR/dump"
  [ "$(id -u)" = 0 ] && chown -R postgres "$DIR"
  pg_initdb "$DIR"
  pg_demarrer "$DIR"
  echo "PostgreSQL $("${PSQL[@]}" -Atc 'show server_version') sur le port $PORT ($DIR)"
  dotnet build src/Logis.Cli -c Release -v q -nologo >/dev/null
  dotnet build bench/Logis.Bench -c Release -v q -nologo >/dev/null
  local CLI=(dotnet src/Logis.Cli/bin/Release/net10.0/logis.dll)
  "${CLI[@]}" migrate --base postgresql --connexion "$CNX" | tail -2
  "${CLI[@]}" seed-demo --base postgresql --connexion "$CNX" | tail -2
  for graine in 101 102 103; do
    dotnet bench/Logis.Bench/bin/Release/net10.0/Logis.Bench.dll fichier-demandes fichier 100000 "$graine" "$DIR/demandes-$graine.csv"
    # The real import (CLI, binary COPY path), under the shared lock since it loads the machine.
    flock -o "$VERROU" "${CLI[@]}" import demandes --fichier "$DIR/demandes-$graine.csv" --epci "$EPCI" --base postgresql --connexion "$CNX" | tail -1
    rm -f "$DIR/demandes-$graine.csv"
  done
  # Dump the 100,000 most recently imported demands (the second file), then delete them so they can be inserted again.
  "${PSQL[@]}" -v dump="$DIR/dump" -f bench/copie-serveur/extraire.sql
  ls -l "$DIR/dump"
  # Quiet server for the measurements: no autovacuum racing with the repetitions (VACUUM is run explicitly before each).
  "${PSQL[@]}" -c "ALTER SYSTEM SET autovacuum = off" -c "SELECT pg_reload_conf()" >/dev/null
}

mesurer() {
  local sortie="$DIR/mesures${SERIE:+-$SERIE}.tsv"
  [ -f "$sortie" ] || printf 'variante\trep\tcpu_s\twall_s\tcpu_demande\tcpu_evenement\tcpu_cotation\twal_mo\tcharge1\n' > "$sortie"
  # VARIANTES="a_tel_quel b_..." restricts the run; SEULE=demande only times the COPY into demande (see une-mesure.sh).
  local variantes; variantes=${VARIANTES:-$(grep -oP '^-- variante: \K\S+' bench/copie-serveur/variantes.sql)}
  echo "Charge avant : $(uptime)"
  for rep in $(seq 1 "$REPS"); do
    for v in $variantes; do
      local r
      r=$(flock -o "$VERROU" bench/copie-serveur/une-mesure.sh "$DIR" "$PORT" "$v")
      printf '%s\t%s\t%s\t%s\n' "$v" "$rep" "${r// /$'\t'}" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$sortie"
    done
  done
  echo "Charge après : $(uptime)"
  resume "$sortie"
}

resume() {
  # Median, min and max per variant (CPU and wall, seconds per 100,000 demands).
  python3 - "$1" <<'PY'
import sys, csv, statistics as st
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
par = {}
for r in rows: par.setdefault(r['variante'], []).append(r)
def med(rs, k): return st.median(float(r[k]) for r in rs)
base = med(par['a_tel_quel'], 'cpu_s') if 'a_tel_quel' in par else None
print(f"{'variante':32} {'n':>2} {'CPU méd':>7} {'min-max':>11} {'mur méd':>7} {'min-max':>11} {'ΔCPU':>6} {'dem.':>5} {'évén.':>5} {'cot.':>5} {'WAL Mo':>6} {'charge':>6}")
for v, rs in par.items():
    c = [float(r['cpu_s']) for r in rs]; w = [float(r['wall_s']) for r in rs]
    d = f"{st.median(c) - base:+.2f}" if base is not None else ''
    print(f"{v:32} {len(c):>2} {st.median(c):7.2f} {min(c):5.2f}-{max(c):5.2f} {st.median(w):7.2f} {min(w):5.2f}-{max(w):5.2f} {d:>6} "
          f"{med(rs,'cpu_demande'):5.2f} {med(rs,'cpu_evenement'):5.2f} {med(rs,'cpu_cotation'):5.2f} {med(rs,'wal_mo'):6.0f} {med(rs,'charge1'):6.2f}")
PY
}

arreter() {
  pg_arreter "$DIR" fast
  rm -rf "$DIR"
}

case "$ETAPE" in
  preparer) preparer ;;
  mesurer) mesurer ;;
  resume) resume "$DIR/mesures${SERIE:+-$SERIE}.tsv" ;;
  arreter) arreter ;;
  tout) preparer; mesurer; arreter ;;
  *) echo "étape inconnue : $ETAPE" >&2; exit 2 ;;
esac
