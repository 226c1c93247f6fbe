#!/usr/bin/env bash
# Charge de l'accueil de l'espace demandeur (issue 16) : wrk sur la boucle locale, application web sur PostgreSQL.
# Démarre son propre PostgreSQL jetable, applique les migrations (logis migrate), démarre Logis.Web sur ce PostgreSQL avec le
# territoire de démonstration semé au démarrage (TPM, DEMANDES demandes synthétiques, défaut 16 000, et son historique
# d'attributions), limites de débit coupées (Logis:Limites:Actif=false, réglage prévu pour ces mesures). Puis, par les pages comme
# une personne : crée un compte demandeur, le confirme (lien lu dans la boîte d'envoi), fait imprimer l'attestation d'une demande
# examinée par la commission de l'historique par un agent (code d'accès), lie la demande, et mesure avec wrk (2 fils,
# CONNEXIONS connexions, DUREE) la page /espace/demandes/{numero} avec le cookie de session du demandeur : chaque requête vérifie
# la session et les liens du compte, lit la demande, calcule la cotation, la position et le délai d'attente, lit décisions et offres
# (ou, depuis le 07/12/2026, reprend cet accueil en mémoire tant que rien n'est écrit : CacheAccueils), et écrit sa ligne
# au journal d'audit. Objectif : au moins 500 requêtes/s et p99 ≤ 100 ms. Imprime la charge de la machine avant chaque mesure.
# Profil d'une requête : les requêtes SQL d'un affichage (journal de PostgreSQL, log_min_duration_statement=0) sont comptées et
# chronométrées avant la mesure ; le temps restant d'une page est celui de l'application.
# Avant/après dans un même run : les CHECKOUTS suivants (autres copies du dépôt, par exemple une copie de main) sont construits et
# mesurés sur la même base, la même demande et le même cookie, l'un après l'autre (Logis.Web redémarré : la démonstration est déjà là).
# STATISTIQUES=1 : mesure aussi les statistiques publiques (bench/statistiques.sh) sur la même base avec le dernier CHECKOUT mesuré.
# BASE=dossier : part d'une copie (pg_basebackup -D dossier -X stream) de la base qu'un run précédent a semée, au lieu de semer ;
# GARDER_BASE=dossier fait cette copie après le démarrage (semis compris) du premier Logis.Web.
# Usage : flock -o /tmp/logis-bench.lock bench/espace.sh [DUREE=30s] [CONNEXIONS=16] [DEMANDES=16000] [CHECKOUT...]
set -euo pipefail
cd "$(dirname "$0")/.."
DUREE=${1:-30s}
CONNEXIONS=${2:-16}
DEMANDES=${3:-16000}
shift $(( $# < 3 ? $# : 3 ))
CHECKOUTS=("$(pwd)" "$@")
command -v wrk >/dev/null || { echo "wrk manque : apt-get install wrk" >&2; exit 2; }
dotnet build src/Logis.Cli -c Release -v q -nologo >/dev/null
for c in "${CHECKOUTS[@]}"; do (cd "$c" && dotnet build src/Logis.Web -c Release -v q -nologo >/dev/null); done
CLI="dotnet src/Logis.Cli/bin/Release/net10.0/logis.dll"
TMP=$(mktemp -d /tmp/logis-bench-espace.XXXXXX)
. bench/lib/postgres.sh
WEB=$(pg_port_libre)
# BASE: a copy of a base this bench seeded before (pg_basebackup of its PostgreSQL): no second seeding of the demo.
if [ -n "${BASE:-}" ]; then pg_copier "$BASE" "$TMP"; else pg_initdb "$TMP"; fi
PID_WEB=""
arreter() {
  [ -n "$PID_WEB" ] && kill "$PID_WEB" 2>/dev/null && wait "$PID_WEB" 2>/dev/null
  pg_nettoyer "$TMP"
}
trap arreter EXIT
pg_demarrer "$TMP" -c shared_buffers=256MB
sql() { "${PSQL[@]}" -Atc "$1"; }
$CLI --base postgresql --connexion "$PG" migrate >/dev/null
mkdir -p "$TMP/cles"; [ "$(id -u)" = 0 ] && chmod 777 "$TMP/cles"
demarrer() {   # $1: checkout whose Logis.Web is started on the bench's database
  echo "--- Démarrage de Logis.Web ($1, $(git -C "$1" rev-parse --short HEAD)$(git -C "$1" diff --quiet HEAD -- src || echo ' + modifications')) sur PostgreSQL ($DEMANDES demandes) ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
  debut=$(date +%s)
  Logis__Database__Fournisseur=PostgreSql Logis__Database__ConnectionString="$PG" Logis__Demo__Demandes="$DEMANDES" \
    Logis__Limites__Actif=false Logis__Relances__Actif=false Logis__Cles__Dossier="$TMP/cles" ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$1/src/Logis.Web/bin/Release/net10.0/Logis.Web.dll" --urls "http://127.0.0.1:$WEB" --contentRoot "$1/src/Logis.Web" >>"$TMP/web.log" 2>&1 &
  PID_WEB=$!
  for _ in $(seq 1 1800); do
    curl -fs "http://127.0.0.1:$WEB/health" >/dev/null 2>&1 && break
    kill -0 "$PID_WEB" 2>/dev/null || { tail -20 "$TMP/web.log"; echo "Logis.Web s'est arrêté" >&2; exit 1; }
    sleep 1
  done
  echo "Prêt en $(( $(date +%s) - debut )) s ; attributions : $(sql 'select count(*) from attribution')"
}
arreterWeb() { kill "$PID_WEB" 2>/dev/null; wait "$PID_WEB" 2>/dev/null || true; PID_WEB=""; }
demarrer "${CHECKOUTS[$(( ${#CHECKOUTS[@]} - 1 ))]}"
# GARDER_BASE=dossier : garde une copie (pg_basebackup) de la base semée, pour la donner à BASE= aux runs suivants.
if [ -n "${GARDER_BASE:-}" ] && [ ! -e "$GARDER_BASE" ]; then
  "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres -D "$GARDER_BASE" -X stream -c fast && echo "--- base semée gardée dans $GARDER_BASE"
fi

URL="http://127.0.0.1:$WEB"
jeton() { curl -fs -b "$1" -c "$1" "$URL$2" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1; }
# A demand the demo history's commission examined, still active (its home shows decisions too).
NUMERO=$(sql "select d.\"Numero\" from demande d where d.\"Statut\" = 1 and exists (select 1 from caleol_candidat c where c.\"DemandeId\" = d.\"Id\" and c.\"Decision\" is not null) order by d.\"Numero\" limit 1" 2>/dev/null || true)
[ -n "$NUMERO" ] || NUMERO=$(sql "select \"Numero\" from demande where \"Statut\" = 1 order by \"Numero\" limit 1")
# The agent prints the attestation: its access code.
AGENT="$TMP/agent.txt"
curl -fs -b "$AGENT" -c "$AGENT" -o /dev/null --data-urlencode "Identifiant=epci@tpm.demo" --data-urlencode "MotDePasse=Logis-demo-2026!" \
  --data-urlencode "__RequestVerificationToken=$(jeton "$AGENT" /connexion)" "$URL/connexion"
CODE=$(curl -fs -b "$AGENT" "$URL/demandes/$NUMERO/attestation" | tr '\n' ' ' | sed -n 's/.*id="code-acces"><strong>\([A-Z0-9-]*\)<.*/\1/p')
[ -n "$CODE" ] || { echo "Code d'accès introuvable sur l'attestation de $NUMERO" >&2; exit 1; }
# The applicant: account, confirmation link from the outbox, sign-in, link.
MOI="$TMP/demandeur.txt"
COURRIEL="bench-$(date +%s)@exemple.fr"
curl -fs -b "$MOI" -c "$MOI" -o /dev/null --data-urlencode "Courriel=$COURRIEL" --data-urlencode "MotDePasse=Logement-social-2026" \
  --data-urlencode "Confirmation=Logement-social-2026" --data-urlencode "__RequestVerificationToken=$(jeton "$MOI" /espace/creer-compte)" "$URL/espace/creer-compte"
LIEN=$(sql "select \"Corps\" from notification where \"Destinataire\" = '$COURRIEL'" | grep -o 'jeton=[A-Za-z0-9_-]*' | head -1)
curl -fs -b "$MOI" -c "$MOI" -o /dev/null --data-urlencode "${LIEN%%=*}=${LIEN#*=}" --data-urlencode "Jeton=${LIEN#jeton=}" \
  --data-urlencode "__RequestVerificationToken=$(jeton "$MOI" "/espace/confirmer?$LIEN")" "$URL/espace/confirmer"
curl -fs -b "$MOI" -c "$MOI" -o /dev/null --data-urlencode "Courriel=$COURRIEL" --data-urlencode "MotDePasse=Logement-social-2026" \
  --data-urlencode "__RequestVerificationToken=$(jeton "$MOI" /espace/connexion)" "$URL/espace/connexion"
curl -fs -b "$MOI" -c "$MOI" -o /dev/null --data-urlencode "Numero=$NUMERO" --data-urlencode "Code=$CODE" \
  --data-urlencode "__RequestVerificationToken=$(jeton "$MOI" '/espace?liste=1')" "$URL/espace?handler=Lier"
COOKIE=$(awk '$6 == "logis.espace" { print $7 }' "$MOI")
PAGE="/espace/demandes/$NUMERO"
STATUT=$(curl -s -o "$TMP/page.html" -w '%{http_code}' -H "Cookie: logis.espace=$COOKIE" "$URL$PAGE")
[ "$STATUT" = 200 ] && grep -q 'id="total-cotation"' "$TMP/page.html" || { echo "L'accueil du demandeur ne s'ouvre pas ($STATUT)" >&2; exit 1; }
echo "--- Demande $NUMERO liée ; décisions de commission affichées : $(grep -c 'Séance du' "$TMP/page.html" || true)"
mesurer() {
  echo "--- $PAGE : première requête en $(curl -fs -o /dev/null -w '%{time_total}' -H "Cookie: logis.espace=$COOKIE" "$URL$PAGE") s"
  wrk -t2 -c"$CONNEXIONS" -d5s -H "Cookie: logis.espace=$COOKIE" "$URL$PAGE" >/dev/null   # warm-up (JIT)
  # Profile of one view: the SQL statements PostgreSQL ran for it (count, time), the rest of the page's time is the application's.
  sql "alter system set log_min_duration_statement = 0" >/dev/null; sql "select pg_reload_conf()" >/dev/null; sleep 1
  debutLog=$(wc -c <"$TMP/pg.log")
  t=$(curl -fs -o /dev/null -w '%{time_total}' -H "Cookie: logis.espace=$COOKIE" "$URL$PAGE")
  sql "alter system reset log_min_duration_statement" >/dev/null; sql "select pg_reload_conf()" >/dev/null; sleep 1
  tail -c +"$((debutLog + 1))" "$TMP/pg.log" | grep -o 'duration: [0-9.]* ms  .*' | grep -v 'alter system\|pg_reload_conf' >"$TMP/requetes.txt" || true
  echo "--- profil d'un affichage ($t s au total) : $(grep -c ' execute ' "$TMP/requetes.txt") requêtes SQL exécutées, $(awk '{s += $2} END {printf "%.1f", s}' "$TMP/requetes.txt") ms dans PostgreSQL (analyse, liaison et exécution) ; les plus longues :"
  sort -t' ' -k2 -rn "$TMP/requetes.txt" | head -5 | cut -c1-220
  echo "--- $PAGE ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t2 -c"$CONNEXIONS" -d"$DUREE" --latency -H "Cookie: logis.espace=$COOKIE" "$URL$PAGE"
  echo "--- lignes du journal d'audit « espace.lecture » : $(sql "select count(*) from audit where \"Action\" = 'espace.lecture'" 2>/dev/null || echo '?')"
}
for i in $(seq 0 $(( ${#CHECKOUTS[@]} - 1 ))); do
  c=${CHECKOUTS[$(( ${#CHECKOUTS[@]} - 1 - i ))]}
  [ -z "$PID_WEB" ] && demarrer "$c"
  mesurer
  # The public statistics on the same base, by the last checkout (bench/statistiques.sh on a running instance).
  if [ "${STATISTIQUES:-0}" = 1 ] && [ "$i" = $(( ${#CHECKOUTS[@]} - 1 )) ]; then
    echo "--- statistiques publiques : attributions $(sql 'select count(*) from attribution'), demandes actives $(sql 'select count(*) from demande where "Statut" = 1')"
    ADRESSE="$URL" bash "$c/bench/statistiques.sh" "$DUREE" "$CONNEXIONS"
  fi
  arreterWeb
done
