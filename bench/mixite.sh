#!/usr/bin/env bash
# Mesure les indicateurs de mixité d'une année (issue 15) sur un territoire de la taille d'Aix-Marseille-Provence : BAUX baux signés
# dans l'année (défaut 10 000) et DEMANDES demandes (défaut 80 000), sur PostgreSQL. Objectif : ≤ 300 ms.
# Démarre son propre PostgreSQL jetable, applique les migrations, démarre Logis.Web sur ce PostgreSQL (territoire TPM, 16 000
# demandes synthétiques et leur année d'attributions semées au démarrage), puis, pour la préparation seulement (SQL, pas du code
# produit) : multiplie les demandes jusqu'à DEMANDES (Logis.Bench demandes-lot, COPY) et les baux de l'année jusqu'à BAUX (copies des
# baux semés, chacune avec ses propres identifiants, une date de signature répartie sur l'année ; les contraintes de clé étrangère
# vers la vacance et l'offre ne sont pas vérifiées pendant cette copie). Mesure ensuite MESURES appels (défaut 30) en régime établi,
# après MIXITE_CHAUFFES appels de chauffe (défaut 40 : le JIT à paliers de .NET ne recompile une méthode en code optimisé qu'après
# une trentaine d'appels ; le temps du tout premier appel est imprimé à part) de GET /api/v1/mixite/indicateurs?annee= (clé d'API de
# l'agent de l'intercommunalité) et de la page /mixite?annee= (session de cet agent) : p50, p95, max, et la charge de la machine. Imprime enfin le plan des requêtes les plus lourdes et le profil de l'acte.
# La préparation (plusieurs minutes) se fait sans verrou ; la mesure prend le verrou des bancs (/tmp/logis-bench.lock) et attend
# que le banc qui le tient ait fini.
# Comparer deux commits sur les mêmes données : MIXITE_COPIE=DOSSIER garde une copie de la base préparée (pg_basebackup, avant la mesure) ;
# MIXITE_BASE=DOSSIER repart d'une telle copie (sans semis ni préparation) : les migrations de ce commit y sont appliquées (reprises
# comprises), puis Logis.Web de ce commit démarre dessus sans semer et la mesure suit. BAUX et DEMANDES sont alors ceux de la copie.
# Usage : [MIXITE_COPIE=DOSSIER | MIXITE_BASE=DOSSIER] bench/mixite.sh [BAUX] [DEMANDES] [MESURES]
set -euo pipefail
cd "$(dirname "$0")/.."
BAUX=${1:-10000}
DEMANDES=${2:-80000}
MESURES=${3:-30}
CHAUFFES=${MIXITE_CHAUFFES:-40}
dotnet build src/Logis.Cli -c Release -v q -nologo >/dev/null
dotnet build src/Logis.Web -c Release -v q -nologo >/dev/null
dotnet build bench/Logis.Bench -c Release -v q -nologo >/dev/null
CLI="dotnet src/Logis.Cli/bin/Release/net10.0/logis.dll"
BENCH="dotnet bench/Logis.Bench/bin/Release/net10.0/Logis.Bench.dll"
TMP=$(mktemp -d /tmp/logis-bench-mixite.XXXXXX)
. bench/lib/postgres.sh
WEB=$(pg_port_libre)
BASE=${MIXITE_BASE:-}
COPIE=${MIXITE_COPIE:-}
if [ -n "$BASE" ]; then pg_copier "$BASE" "$TMP"; else pg_initdb "$TMP"; fi
PID_WEB=""
arreter() {
  [ -n "$PID_WEB" ] && kill "$PID_WEB" 2>/dev/null && wait "$PID_WEB" 2>/dev/null
  pg_nettoyer "$TMP"
}
trap arreter EXIT
pg_demarrer "$TMP" -c shared_buffers=256MB
DEBUT=$(date +%s.%N)
$CLI --base postgresql --connexion "$PG" migrate >/dev/null
echo "--- Migrations appliquées en $(python3 -c "print(f'{$(date +%s.%N) - $DEBUT:.1f}')") s"
mkdir -p "$TMP/cles"; [ "$(id -u)" = 0 ] && chmod 777 "$TMP/cles"
SEMER=true
if [ -n "$BASE" ]; then SEMER=false; "${PSQL[@]}" -c 'VACUUM (ANALYZE)'; fi
echo "--- Démarrage de Logis.Web sur PostgreSQL (semis de démonstration : $SEMER) ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
Logis__Demo__SemerAuDemarrage=$SEMER Logis__Database__Fournisseur=PostgreSql Logis__Database__ConnectionString="$PG" \
  Logis__Limites__Actif=false Logis__Relances__Actif=false Logis__Cles__Dossier="$TMP/cles" ASPNETCORE_ENVIRONMENT=Production \
  dotnet src/Logis.Web/bin/Release/net10.0/Logis.Web.dll --urls "http://127.0.0.1:$WEB" --contentRoot "$(pwd)/src/Logis.Web" >"$TMP/web.log" 2>&1 &
PID_WEB=$!
for _ in $(seq 1 3600); do
  curl -fs "http://127.0.0.1:$WEB/health" >/dev/null 2>&1 && break
  kill -0 "$PID_WEB" 2>/dev/null || { tail -20 "$TMP/web.log"; echo "Logis.Web s'est arrêté" >&2; exit 1; }
  sleep 1
done
ANNEE=$("${PSQL[@]}" -At -c 'SELECT "Annee" FROM attribution GROUP BY "Annee" ORDER BY count(*) DESC LIMIT 1')
if [ -z "$BASE" ]; then
echo "--- Préparation : $DEMANDES demandes, $BAUX baux en $ANNEE ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
$BENCH demandes-lot "$PG" "$DEMANDES" | tail -1
"${PSQL[@]}" <<SQL
-- Bench setup only: copies of the seeded leases of the year, each with new ids (a copy's vacancy, offer and demand exist in no other
-- table: the foreign keys are not checked while copying), signed on a day spread over the year.
SET session_replication_role = replica;
DO \$\$
DECLARE
  a int := $ANNEE;
  n int;
  cibles text;
  sources text;
BEGIN
  SELECT count(*) INTO n FROM attribution WHERE "Annee" = a;
  SELECT string_agg(format('%I', column_name), ', ' ORDER BY ordinal_position),
         string_agg(CASE column_name
                      WHEN 'Id' THEN 'gen_random_uuid()'
                      WHEN 'VacanceId' THEN 'gen_random_uuid()'
                      WHEN 'OffreId' THEN 'gen_random_uuid()'
                      WHEN 'DemandeId' THEN 'gen_random_uuid()'
                      WHEN 'NumeroDemande' THEN '''BENCH'' || g'
                      WHEN 'DateSignature' THEN format('make_date(%s, 1, 1) + (g %% 365)', a)
                      WHEN 'DateEffet' THEN format('make_date(%s, 1, 1) + (g %% 365) + 15', a)
                      WHEN 'DateDepot' THEN format('LEAST(t."DateDepot", make_date(%s, 1, 1) + (g %% 365))', a)
                      ELSE format('t.%I', column_name) END, ', ' ORDER BY ordinal_position)
    INTO cibles, sources
    FROM information_schema.columns WHERE table_name = 'attribution';
  EXECUTE format('INSERT INTO attribution (%s) SELECT %s FROM generate_series(1, %s) g '
                 'JOIN (SELECT row_number() OVER (ORDER BY "Id") - 1 AS rang, * FROM attribution WHERE "Annee" = %s) t ON t.rang = g %% %s',
                 cibles, sources, $BAUX - n, a, n);
END
\$\$;
SET session_replication_role = DEFAULT;
VACUUM (ANALYZE);
SQL
fi
echo "Baux de $ANNEE : $("${PSQL[@]}" -At -c "SELECT count(*) FROM attribution WHERE \"Annee\" = $ANNEE") ; demandes : $("${PSQL[@]}" -At -c 'SELECT count(*) FROM demande') (actives : $("${PSQL[@]}" -At -c 'SELECT count(*) FROM demande WHERE "Statut" = 1'))"

if [ -n "$COPIE" ]; then
  "${RUNAS[@]}" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres -D "$COPIE" -X stream -c fast
  echo "--- Copie de la base préparée : $COPIE"
fi

exec 9>/tmp/logis-bench.lock
flock -n 9 || { echo "--- Un autre banc tient /tmp/logis-bench.lock : attente de sa fin…"; flock 9; }
URL="http://127.0.0.1:$WEB"
AGENT="$TMP/agent.txt"
jeton() { curl -fs -b "$1" -c "$1" "$URL$2" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1; }
curl -fs -b "$AGENT" -c "$AGENT" -o /dev/null --data-urlencode "Identifiant=epci@tpm.demo" --data-urlencode "MotDePasse=Logis-demo-2026!" \
  --data-urlencode "__RequestVerificationToken=$(jeton "$AGENT" /connexion)" "$URL/connexion"
CLE="logis-demo-epci-248300543"
mesurer() { # $1: libellé, then curl arguments
  local libelle=$1; shift
  local statut; statut=$(curl -s -o "$TMP/reponse" -w '%{http_code} %{time_total}' "$@")
  [ "${statut%% *}" = 200 ] || { head -c 400 "$TMP/reponse"; echo; echo "$libelle : HTTP ${statut%% *}" >&2; exit 1; }
  for _ in $(seq 2 "$CHAUFFES"); do curl -fs -o /dev/null "$@"; done
  echo "--- $libelle : premier appel $(python3 -c "print(round(${statut#* } * 1000))") ms (code JIT de premier niveau), puis $CHAUFFES appels de chauffe en tout ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
  for _ in $(seq 1 "$MESURES"); do curl -fs -o /dev/null -w '%{time_total}\n' "$@"; done | python3 -c '
import sys
t = sorted(float(x) * 1000 for x in sys.stdin if x.strip())
q = lambda p: t[min(len(t) - 1, max(0, round(p * len(t) + 0.5) - 1))]
print(f"{len(t)} appels en régime établi : p50 {q(0.50):.0f} ms, p95 {q(0.95):.0f} ms, max {t[-1]:.0f} ms")'
}
mesurer "GET /api/v1/mixite/indicateurs?annee=$ANNEE" -H "X-Api-Key: $CLE" "$URL/api/v1/mixite/indicateurs?annee=$ANNEE"
mesurer "page /mixite?annee=$ANNEE" -b "$AGENT" "$URL/mixite?annee=$ANNEE"
echo "--- Charge à la fin : $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- Plans (EXPLAIN ANALYZE)"
LE="(CASE WHEN $ANNEE < extract(year FROM now() AT TIME ZONE 'Europe/Paris') THEN make_date($ANNEE, 12, 31) ELSE (now() AT TIME ZONE 'Europe/Paris')::date END)"
"${PSQL[@]}" <<SQL
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT "DateSignature", "BailleurId", "ReservataireId", "CommuneInsee", "QpvCode", "RevenuParUc", "Prioritaire", "Dalo", "Mutation",
  "CommuneResidenceAvant", "HorsFlux" FROM attribution WHERE "EpciSiren" = '248300543' AND "Annee" = $ANNEE;
-- The demands active on the reference day (31 December of a past year, today for the current one), grouped for the tension and the
-- communal preference (SuiviMixiteService.ActivesGroupeesAsync).
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT "Typologies", "CommunesSouhaitees", "ToutEpci", "CommuneActuelle", count(*) FROM demande
  WHERE "EpciSiren" = '248300543' AND "DateDepot" <= $LE AND ("DateRadiation" IS NULL OR "DateRadiation" > $LE) AND "FusionneeDans" IS NULL
  GROUP BY "Typologies", "CommunesSouhaitees", "ToutEpci", "CommuneActuelle";
SQL
echo "--- Profil de l'acte (Logis.Bench mixite-profil : médiane de 5 après 30 exécutions de chauffe, chaque partie seule) ; charge : $(cut -d' ' -f1-3 /proc/loadavg)"
$BENCH mixite-profil "$PG" "$ANNEE" 5 || echo "(profil indisponible : Logis.Bench de ce commit sans mixite-profil)"
