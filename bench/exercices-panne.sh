#!/usr/bin/env bash
# Exercices de panne (issue 13, point 8), sur un PostgreSQL jetable que le script démarre et arrête :
#  1. « kill -9 » de la commande « logis import demandes » pendant qu'elle écrit (COPY en cours côté serveur) :
#     rien n'est écrit (demandes, événements, cotations, séquences de numéros, journal inchangés), puis le même
#     fichier, relancé, s'importe en entier.
#  2. Sauvegarde et restauration : pg_dump (format personnalisé) de la base, restauration par pg_restore dans une base
#     neuve, mêmes comptes table par table ; la purge de conservation du journal relancée sur la base restaurée.
# Chaque vérification affiche « OK … » ; le script s'arrête au premier écart (code non nul).
# Usage : flock /tmp/logis-bench.lock bench/exercices-panne.sh [LIGNES=200000]
set -euo pipefail
cd "$(dirname "$0")/.."
LIGNES=${1:-200000}
EPCI=248300543
dotnet build src/Logis.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/Logis.Bench -c Release -v q -nologo >/dev/null
CLI=(dotnet src/Logis.Cli/bin/Release/net10.0/logis.dll)
TMP=$(mktemp -d /tmp/logis-panne.XXXXXX)
PGBIN=$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RUNAS=(); if [ "$(id -u)" = 0 ]; then chown postgres "$TMP"; RUNAS=(runuser -u postgres --); fi
"${RUNAS[@]}" "$PGBIN/initdb" -D "$TMP/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
# Default durability (fsync on): a crash test on a server that does not flush would prove nothing.
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg" -o "-p $PORT -k $TMP -c listen_addresses=127.0.0.1" -l "$TMP/pg.log" -w start >/dev/null
IMPORT_PID=
arreter() {
  [ -n "$IMPORT_PID" ] && kill -9 "$IMPORT_PID" 2>/dev/null || true
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap arreter EXIT
cnx() { echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$1"; }
psqlb() { local base=$1; shift; "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d "$base" "$@"; }
echec() { echo "ÉCART : $*" >&2; exit 1; }
ok() { echo "OK $*"; }

# Comptes de toutes les tables qu'un import ou une purge touchent (une ligne « table=nombre » chacune).
COMPTES="SELECT 'demande=' || count(*) FROM demande UNION ALL SELECT 'demande_evenement=' || count(*) FROM demande_evenement
  UNION ALL SELECT 'cotation_demande=' || count(*) FROM cotation_demande UNION ALL SELECT 'audit=' || count(*) FROM audit
  UNION ALL SELECT 'sequence_numero=' || coalesce(sum(\"Dernier\"), 0) FROM sequence_numero"
comptes() { psqlb "$1" -c "$COMPTES"; }

echo "PostgreSQL $(psqlb postgres -c 'show server_version') sur le port $PORT ($TMP)"
psqlb postgres -c "CREATE DATABASE logis"
"${CLI[@]}" migrate --base postgresql --connexion "$(cnx logis)" | tail -1
"${CLI[@]}" seed-demo --epci "$EPCI" --base postgresql --connexion "$(cnx logis)" | tail -1
dotnet bench/Logis.Bench/bin/Release/net10.0/Logis.Bench.dll fichier-demandes fichier "$LIGNES" 4242 "$TMP/demandes.csv"
echo "Fichier de $LIGNES demandes : $(du -h "$TMP/demandes.csv" | cut -f1)"

echo "--- 1. kill -9 pendant l'import"
AVANT=$(comptes logis)
"${CLI[@]}" import demandes --fichier "$TMP/demandes.csv" --epci "$EPCI" --base postgresql --connexion "$(cnx logis)" </dev/null >"$TMP/import1.log" 2>&1 &
IMPORT_PID=$!
# Wait until the server receives the COPY of the import (the transaction has written rows), then kill the client at once.
for _ in $(seq 1 600); do
  if [ "$(psqlb postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'logis' AND query LIKE 'COPY %'")" -gt 0 ]; then break; fi
  kill -0 "$IMPORT_PID" 2>/dev/null || echec "l'import s'est terminé avant qu'un COPY soit observé (fichier trop petit ?)"
  sleep 0.05
done
sleep 0.5
kill -0 "$IMPORT_PID" 2>/dev/null || echec "l'import s'est terminé avant le kill"
kill -9 "$IMPORT_PID"
wait "$IMPORT_PID" 2>/dev/null || true
IMPORT_PID=
echo "Import tué (kill -9) pendant son COPY."
# The server notices the lost client and rolls its transaction back: wait until no session of the import remains.
for _ in $(seq 1 200); do
  [ "$(psqlb postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'logis' AND pid <> pg_backend_pid()")" -eq 0 ] && break
  sleep 0.1
done
APRES=$(comptes logis)
[ "$AVANT" = "$APRES" ] || echec "écriture partielle après le kill -9 : avant [$AVANT] après [$APRES]"
ok "aucune écriture partielle : $(echo "$APRES" | tr '\n' ' ')"
"${CLI[@]}" import demandes --fichier "$TMP/demandes.csv" --epci "$EPCI" --base postgresql --connexion "$(cnx logis)" </dev/null | tail -1
AJOUTEES=$(( $(psqlb logis -c "SELECT count(*) FROM demande") - $(echo "$AVANT" | grep '^demande=' | cut -d= -f2) ))
[ "$AJOUTEES" -eq "$LIGNES" ] || echec "l'import relancé a ajouté $AJOUTEES demandes au lieu de $LIGNES"
ok "l'import relancé va au bout : $AJOUTEES demandes ajoutées, une seule ligne d'audit d'import : $(psqlb logis -c "SELECT count(*) FROM audit WHERE \"Action\" = 'demande.import-fichier'")"

echo "--- 2. Sauvegarde et restauration"
"$PGBIN/pg_dump" -h 127.0.0.1 -p "$PORT" -U postgres -Fc -f "$TMP/logis.dump" logis
echo "Sauvegarde : $(du -h "$TMP/logis.dump" | cut -f1)"
psqlb postgres -c "CREATE DATABASE logis_restauree"
"$PGBIN/pg_restore" -h 127.0.0.1 -p "$PORT" -U postgres -d logis_restauree --exit-on-error "$TMP/logis.dump"
ORIGINE=$(comptes logis)
RESTAUREE=$(comptes logis_restauree)
[ "$ORIGINE" = "$RESTAUREE" ] || echec "la base restaurée diffère : origine [$ORIGINE] restaurée [$RESTAUREE]"
ok "base restaurée identique : $(echo "$RESTAUREE" | tr '\n' ' ')"
# The restored base is a working Logis base: no pending migration, the retention purge runs and records itself.
"${CLI[@]}" journal purger --mois 12 --base postgresql --connexion "$(cnx logis_restauree)"
PURGES=$(psqlb logis_restauree -c "SELECT count(*) FROM audit WHERE \"Action\" = 'journal.purge'")
[ "$PURGES" -ge 1 ] || echec "la purge relancée sur la base restaurée ne s'est pas inscrite au journal"
ok "purge de conservation relancée sur la base restaurée ($PURGES ligne(s) de purge au journal)"
echo "Exercices terminés : aucun écart."
