#!/usr/bin/env bash
# Charge de AGENTS agents connectés en même temps (issue 13, « Done when ») : wrk sur la boucle locale, application web sur
# PostgreSQL, territoire de démonstration semé au démarrage (TPM, DEMANDES demandes synthétiques, défaut 16 000).
# Chaque agent a SA session : AGENTS connexions par le formulaire /connexion (comptes de démonstration epci, bailleur,
# bailleur2, reservataire, commune, dans les proportions 50/15/10/10/15 %), un fil wrk et une connexion par agent, son cookie
# (bench/agents.lua). Parcours : liste et recherche des demandes, page d'une demande, sa cotation, tableau des vacances, une
# vacance et ses candidats, journal d'audit (agents de l'intercommunalité) ; chaque agent ne demande que des demandes et des
# vacances de son propre tableau (lues avant la mesure), et chaque sorte de page est vérifiée (200) pour chaque rôle avant.
# Limites de débit : celles de la production, sauf les deux qui comptent par adresse IP (toutes les requêtes, et les
# connexions), relevées par réglage (Logis__Limites__ParIp, Logis__Limites__ConnexionParIp) parce que les 200 agents partagent
# ici 127.0.0.1 — en production chacun a la sienne ; la limite par identifiant est relevée pour ouvrir 200 sessions sur
# 5 comptes. Erreurs comptées : réponses hors 2xx/3xx et erreurs de socket de wrk ; objectif 0.
# Usage : flock -o /tmp/logis-bench.lock bench/agents.sh [DUREE=10m] [AGENTS=200] [DEMANDES=16000]
# (-o : le PostgreSQL que démarre le script n'hérite pas du verrou ; sans -o, un PostgreSQL resté en vie le garderait.)
set -euo pipefail
cd "$(dirname "$0")/.."
DUREE=${1:-10m}
AGENTS=${2:-200}
DEMANDES=${3:-16000}
command -v wrk >/dev/null || { echo "wrk manque : apt-get install wrk" >&2; exit 2; }
dotnet build src/Logis.Cli -c Release -v q -nologo >/dev/null
dotnet build src/Logis.Web -c Release -v q -nologo >/dev/null
CLI="dotnet src/Logis.Cli/bin/Release/net10.0/logis.dll"
TMP=$(mktemp -d /tmp/logis-bench-agents.XXXXXX)
. bench/lib/postgres.sh
WEB=$(pg_port_libre)
pg_jetable "$TMP" -c shared_buffers=256MB -c max_connections=300
PID_WEB=""
arreter() {
  [ -n "$PID_WEB" ] && kill "$PID_WEB" 2>/dev/null && wait "$PID_WEB" 2>/dev/null
  pg_nettoyer "$TMP"
}
trap arreter EXIT
PG="$PG;Maximum Pool Size=200"
sql() { "${PSQL[@]}" -Atc "$1"; }
$CLI --base postgresql --connexion "$PG" migrate >/dev/null
mkdir -p "$TMP/cles"; [ "$(id -u)" = 0 ] && chmod 777 "$TMP/cles"
echo "--- Démarrage de Logis.Web sur PostgreSQL ($DEMANDES demandes) ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
debut=$(date +%s)
Logis__Database__Fournisseur=PostgreSql Logis__Database__ConnectionString="$PG" Logis__Demo__Demandes="$DEMANDES" \
  Logis__Limites__ParIp__Permis=10000000 Logis__Limites__ParIp__FenetreSecondes=60 \
  Logis__Limites__ConnexionParIp__Permis=1000 Logis__Limites__ConnexionParIp__FenetreSecondes=60 \
  Logis__Limites__ConnexionParIdentifiant__Permis=1000 Logis__Limites__ConnexionParIdentifiant__FenetreSecondes=900 \
  Logis__Relances__Actif=false Logis__Cles__Dossier="$TMP/cles" ASPNETCORE_ENVIRONMENT=Production \
  dotnet src/Logis.Web/bin/Release/net10.0/Logis.Web.dll --urls "http://127.0.0.1:$WEB" --contentRoot "$(pwd)/src/Logis.Web" >"$TMP/web.log" 2>&1 &
PID_WEB=$!
for _ in $(seq 1 1800); do
  curl -fs "http://127.0.0.1:$WEB/health" >/dev/null 2>&1 && break
  kill -0 "$PID_WEB" 2>/dev/null || { tail -20 "$TMP/web.log"; echo "Logis.Web s'est arrêté" >&2; exit 1; }
  sleep 1
done
echo "Prêt en $(( $(date +%s) - debut )) s ; demandes : $(sql 'select count(*) from demande') ; vacances : $(sql 'select count(*) from vacance' 2>/dev/null || echo '?')"

URL="http://127.0.0.1:$WEB"
jeton() { curl -fs -b "$1" -c "$1" "$URL$2" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1; }
connecter() { # $1 fichier de cookies, $2 compte
  curl -fs -b "$1" -c "$1" -o /dev/null --data-urlencode "Identifiant=$2@tpm.demo" --data-urlencode "MotDePasse=Logis-demo-2026!" \
    --data-urlencode "__RequestVerificationToken=$(jeton "$1" /connexion)" "$URL/connexion"
}
cookies() { awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$1"; }
COMMUNES=$(sql "select string_agg(\"CodeInsee\", ',') from commune where \"EpciSiren\" = '248300543'")
ROLES=(epci bailleur bailleur2 reservataire commune)
declare -A PART=([epci]=50 [bailleur]=15 [bailleur2]=10 [reservataire]=10 [commune]=15)
declare -A NUMEROS VACANCES
for role in "${ROLES[@]}"; do
  j="$TMP/$role.txt"; connecter "$j" "$role"
  NUMEROS[$role]=$(for p in 1 2 3; do curl -fs -b "$j" "$URL/demandes?page=$p"; done | grep -o 'href="/demandes/[0-9A-Z]\{10,\}"' \
    | sed 's/.*\/demandes\/\([0-9A-Z]*\)"/\1/' | sort -u | head -60 | paste -sd, -)
  VACANCES[$role]=$(curl -fs -b "$j" "$URL/vacances" | grep -o 'href="/vacances/[0-9a-f-]\{36\}"' | sed 's/.*\/vacances\/\([0-9a-f-]*\)"/\1/' | sort -u | head -40 | paste -sd, -)
  [ -n "${NUMEROS[$role]}" ] || { echo "Aucune demande dans le tableau de $role" >&2; exit 1; }
  # Every kind of page of the mix answers 200 to this role before the measurement.
  n=${NUMEROS[$role]%%,*}; v=${VACANCES[$role]%%,*}
  pages=("/demandes?page=2" "/demandes?Commune=${COMMUNES%%,*}" "/demandes?Numero=$n" "/demandes/$n" "/demandes/$n/cotation" "/vacances")
  [ -n "$v" ] && pages+=("/vacances/$v")
  [ "$role" = epci ] && pages+=("/journal")
  for p in "${pages[@]}"; do
    s=$(curl -s -o /dev/null -w '%{http_code}' -b "$j" "$URL$p")
    [ "$s" = 200 ] || { echo "$role : $p répond $s avant la mesure" >&2; exit 1; }
  done
  echo "--- $role : $(echo "${NUMEROS[$role]}" | tr ',' '\n' | wc -l) demandes, $(echo "${VACANCES[$role]}" | tr ',' '\n' | grep -c . || true) vacances dans son tableau"
done
# One session per agent: AGENTS sign-ins, shared among the roles.
SESSIONS="$TMP/sessions.tsv"
: >"$SESSIONS"
i=0
for role in "${ROLES[@]}"; do
  nombre=$(( AGENTS * PART[$role] / 100 ))
  [ "$role" = commune ] && nombre=$(( AGENTS - i ))
  for _ in $(seq 1 "$nombre"); do
    i=$((i + 1)); j="$TMP/session-$i.txt"; connecter "$j" "$role"
    printf '%s\t%s\t%s\t%s\t%s\n' "$role" "$(cookies "$j")" "${NUMEROS[$role]}" "${VACANCES[$role]}" "$COMMUNES" >>"$SESSIONS"
  done
done
echo "--- $(wc -l <"$SESSIONS") sessions ouvertes ($(cut -f2 "$SESSIONS" | sort -u | wc -l) cookies distincts)"
export AGENTS_SESSIONS="$SESSIONS"
wrk -t"$AGENTS" -c"$AGENTS" -d20s --timeout 30s -s bench/agents.lua "$URL" >/dev/null   # warm-up (JIT, caches)
echo "--- Commit $(git rev-parse --short HEAD) ; avant : $(uptime)"
wrk -t"$AGENTS" -c"$AGENTS" -d"$DUREE" --timeout 30s --latency -s bench/agents.lua "$URL"
echo "--- Après : $(uptime)"
echo "--- Erreurs serveur au journal de Logis.Web : $(grep -c 'fail:' "$TMP/web.log" || true)"
