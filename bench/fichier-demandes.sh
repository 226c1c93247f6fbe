#!/usr/bin/env bash
# Mesure l'import du fichier des demandes sur PostgreSQL (COPY binaire, et EF Core pour comparer) puis la
# latence de la recherche des demandes (DemandesService.RechercherAsync) sur la base chargée.
# Usage : bench/fichier-demandes.sh [TOTAL=1000000] [LOT=100000]
# Puis chronomètre la commande `logis import demandes` elle-même sur un fichier de LIGNES_CLI lignes (LOT par défaut ;
# processus neuf : démarrage et compilation à la volée compris), sur la base chargée.
# Démarre son propre cluster PostgreSQL jetable (réglages par défaut, fsync compris ; PG_REGLAGES="-c max_wal_size=4GB …"
# pour en essayer d'autres ; ROLE_ORDINAIRE=1 : imports sous un rôle sans le droit de sauter les contrôles de clé
# étrangère, ADR 0008).
set -euo pipefail
cd "$(dirname "$0")/.."
TOTAL=${1:-1000000}
LOT=${2:-100000}
dotnet build bench/Logis.Bench -c Release -v q -nologo >/dev/null
dotnet build src/Logis.Cli -c Release -v q -nologo >/dev/null
TMP=$(mktemp -d /tmp/logis-bench.XXXXXX)
. bench/lib/postgres.sh
pg_jetable "$TMP" ${PG_REGLAGES:-}
echo "Charge avant : $(uptime)"
/usr/bin/time -f "Durée totale %e s, pic mémoire %M Kio" \
  dotnet bench/Logis.Bench/bin/Release/net10.0/Logis.Bench.dll fichier-demandes "$PG" "$TOTAL" "$LOT"
LIGNES_CLI=${LIGNES_CLI:-$LOT}
dotnet bench/Logis.Bench/bin/Release/net10.0/Logis.Bench.dll fichier-demandes fichier "$LIGNES_CLI" 900 "$TMP/demandes.csv"
echo "Charge avant logis import : $(uptime)"
DEBUT=$(date +%s.%N)
dotnet src/Logis.Cli/bin/Release/net10.0/logis.dll import demandes --fichier "$TMP/demandes.csv" --epci 248300543 \
  --base postgresql --connexion "$PG" </dev/null | tail -1
FIN=$(date +%s.%N)
python3 -c "d=$FIN-$DEBUT; print(f'logis import demandes : $LIGNES_CLI demandes en {d:.2f} s, {$LIGNES_CLI/d:.0f} demandes/s (commande entière : démarrage, lecture, analyse, écriture, validation)')"
echo "Charge après : $(uptime)"
