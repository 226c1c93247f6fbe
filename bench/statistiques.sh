#!/usr/bin/env bash
# Charge de la page publique des statistiques (issue 16) : wrk sur la boucle locale, application web sur PostgreSQL.
# Démarre son propre PostgreSQL jetable, applique les migrations (logis migrate), démarre Logis.Web sur ce PostgreSQL avec le
# territoire de démonstration semé au démarrage (TPM, DEMANDES demandes synthétiques, défaut 16 000, et son historique
# d'attributions), limites de débit coupées (Logis:Limites:Actif=false, réglage prévu pour ces mesures), puis mesure avec wrk
# (2 fils, CONNEXIONS connexions, DUREE) : la page /statistiques d'une commune et d'une typologie, la même en JSON, et la page
# de tout le territoire. Objectif : au moins 500 requêtes/s et p99 ≤ 100 ms. Imprime la charge de la machine avant chaque mesure.
# Usage : flock /tmp/logis-bench.lock bench/statistiques.sh [DUREE=30s] [CONNEXIONS=16] [DEMANDES=16000]
# Avec ADRESSE=http://127.0.0.1:PORT, mesure une instance déjà démarrée sur sa base (bench/espace.sh l'appelle ainsi avec
# STATISTIQUES=1, sur la base qu'il a semée : pas de second semis de la démonstration).
set -euo pipefail
cd "$(dirname "$0")/.."
DUREE=${1:-30s}
CONNEXIONS=${2:-16}
DEMANDES=${3:-16000}
command -v wrk >/dev/null || { echo "wrk manque : apt-get install wrk" >&2; exit 2; }
mesurer() {   # $1: address of a running Logis.Web
  for url in "/statistiques?commune=83137&typologie=T3" "/api/v1/statistiques?commune=83137&typologie=T3" "/statistiques"; do
    echo "--- $url : première requête en $(curl -fs -o /dev/null -w '%{time_total}' "$1$url") s (calcul de l'agrégat s'il n'est pas en cache)"
    wrk -t2 -c"$CONNEXIONS" -d5s "$1$url" >/dev/null   # warm-up (JIT)
    echo "--- $url ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
    wrk -t2 -c"$CONNEXIONS" -d"$DUREE" --latency "$1$url"
  done
}
if [ -n "${ADRESSE:-}" ]; then mesurer "$ADRESSE"; exit 0; fi
dotnet build src/Logis.Cli -c Release -v q -nologo >/dev/null
dotnet build src/Logis.Web -c Release -v q -nologo >/dev/null
CLI="dotnet src/Logis.Cli/bin/Release/net10.0/logis.dll"
TMP=$(mktemp -d /tmp/logis-bench-statistiques.XXXXXX)
. bench/lib/postgres.sh
WEB=$(pg_port_libre)
pg_jetable "$TMP" -c shared_buffers=256MB
PID_WEB=""
arreter() {
  [ -n "$PID_WEB" ] && kill "$PID_WEB" 2>/dev/null && wait "$PID_WEB" 2>/dev/null
  pg_nettoyer "$TMP"
}
trap arreter EXIT
$CLI --base postgresql --connexion "$PG" migrate >/dev/null
mkdir -p "$TMP/cles"; [ "$(id -u)" = 0 ] && chmod 777 "$TMP/cles"
echo "--- Démarrage de Logis.Web sur PostgreSQL ($DEMANDES demandes) ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
debut=$(date +%s)
Logis__Database__Fournisseur=PostgreSql Logis__Database__ConnectionString="$PG" Logis__Demo__Demandes="$DEMANDES" \
  Logis__Limites__Actif=false Logis__Relances__Actif=false Logis__Cles__Dossier="$TMP/cles" ASPNETCORE_ENVIRONMENT=Production \
  dotnet src/Logis.Web/bin/Release/net10.0/Logis.Web.dll --urls "http://127.0.0.1:$WEB" --contentRoot "$(pwd)/src/Logis.Web" >"$TMP/web.log" 2>&1 &
PID_WEB=$!
for _ in $(seq 1 1800); do
  curl -fs "http://127.0.0.1:$WEB/health" >/dev/null 2>&1 && break
  kill -0 "$PID_WEB" 2>/dev/null || { tail -20 "$TMP/web.log"; echo "Logis.Web s'est arrêté" >&2; exit 1; }
  sleep 1
done
echo "Prêt en $(( $(date +%s) - debut )) s ; attributions : $("${PSQL[@]}" -Atc 'select count(*) from attribution')"
mesurer "http://127.0.0.1:$WEB"
