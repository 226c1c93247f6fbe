#!/usr/bin/env bash
# One repetition of one variant (called by bench/copie-serveur.sh under the bench lock, taken with `flock -o` so that a
# server restarted here does not inherit the lock file descriptor and keep the lock held).
# Usage : une-mesure.sh DIR PORT VARIANTE
# Prints: cpu_s wall_s cpu_demande cpu_evenement cpu_cotation wal_mb
# The variant block of variantes.sql (from "-- variante: NAME" to the next one) runs inside the transaction before the
# three COPYs; directives in the block: "-- fin: COMMIT" (commit then delete the rows again, outside the timing),
# "-- apres: SQL" (one line, run after the COPYs, timed), "-- serveur: -c x=y ..." (restart the server with these options for this repetition, then restart it as before).
set -euo pipefail
DIR=$1; PORT=$2; V=$3
SEULE=${SEULE:-}   # SEULE=demande: only the COPY into demande (more repetitions of the index variants in the same time)
ICI=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/postgres.sh
. "$ICI/../lib/postgres.sh"
PG_PORT=$PORT
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres)
BLOC=$(awk -v v="$V" '/^-- variante: /{on = ($3 == v); next} on' "$ICI/variantes.sql")
FIN=$(grep -oP '^-- fin: \K\S+' <<<"$BLOC" || echo ROLLBACK)
SERVEUR=$(grep -oP '^-- serveur: \K.*' <<<"$BLOC" || true)
APRES=$(grep -oP '^-- apres: \K.*' <<<"$BLOC" || true)
demarrer() {
  local psql=("${PSQL[@]}")   # pg_demarrer sets its own PSQL: this script keeps ON_ERROR_STOP
  pg_arreter "$DIR" fast
  # shellcheck disable=SC2086 # the server options are words on purpose
  pg_demarrer "$DIR" $1
  PSQL=("${psql[@]}")
  # Warm the three tables and their indexes (a restart empties shared_buffers).
  "${PSQL[@]}" -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm" \
    -c "SELECT sum(pg_prewarm(c.oid)) FROM pg_class c WHERE c.oid IN ('demande'::regclass, 'demande_evenement'::regclass, 'cotation_demande'::regclass) OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN ('demande'::regclass, 'demande_evenement'::regclass, 'cotation_demande'::regclass))" >/dev/null
}
[ -n "$SERVEUR" ] && demarrer "$SERVEUR"
COLS_D='"Id", "Numero", "Canal", "Statut", "DateDepot", "Contenu", "EpciSiren", "NomDemandeur", "CommunesSouhaitees", "ToutEpci", "Typologies", "Prioritaire"'
COLS_E='"DemandeId", "Rang", "Type", "Quand", "AuteurId", "Organisation", "Resume"'
COLS_C='"DemandeId", "EpciSiren", "Statut", "Elements", "Total", "GrilleId", "Version", "CalculeeLe"'
# Backend CPU in clock ticks: utime + stime (fields 14 and 15 of /proc/self/stat, read by the backend itself).
CPU="(split_part(pg_read_file('/proc/self/stat'), ' ', 14)::bigint + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::bigint)"
SQL=$(cat <<SQL
VACUUM demande, demande_evenement, cotation_demande;
CHECKPOINT;
SELECT $CPU AS c0, extract(epoch FROM clock_timestamp()) AS w0, pg_current_wal_insert_lsn() AS l0 \gset
BEGIN;
$BLOC
COPY demande ($COLS_D) FROM '$DIR/dump/demande.bin' (FORMAT BINARY);
SELECT $CPU AS c1 \gset
$([ "$SEULE" = demande ] || echo "COPY demande_evenement ($COLS_E) FROM '$DIR/dump/demande_evenement.bin' (FORMAT BINARY);")
SELECT $CPU AS c2 \gset
$([ "$SEULE" = demande ] || echo "COPY cotation_demande ($COLS_C) FROM '$DIR/dump/cotation_demande.bin' (FORMAT BINARY);")
SELECT $CPU AS c3 \gset
$APRES
$FIN;
\pset tuples_only on
\pset format unaligned
\pset fieldsep ' '
SELECT round(($CPU - :c0) / 100.0, 2), round((extract(epoch FROM clock_timestamp()) - :w0)::numeric, 2),
       round((:c1 - :c0) / 100.0, 2), round((:c2 - :c1) / 100.0, 2), round((:c3 - :c2) / 100.0, 2),
       round(pg_wal_lsn_diff(pg_current_wal_insert_lsn(), :'l0') / 1048576.0)
SQL
)
R=$("${PSQL[@]}" <<<"$SQL" | tail -1)
if [ "$FIN" = COMMIT ]; then
  "${PSQL[@]}" -c 'DELETE FROM demande WHERE "Numero" >= (SELECT numero FROM banc_seuil)' >/dev/null
fi
[ -n "$SERVEUR" ] && demarrer ""
echo "$R"
