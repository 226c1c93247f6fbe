#!/usr/bin/env bash
# Mesure la construction d'un territoire (durée, pic mémoire) sur SQLite et sur PostgreSQL.
# Usage : bench/seed-territoire.sh [SIREN]   (défaut : 200054807, Aix-Marseille-Provence)
set -euo pipefail
cd "$(dirname "$0")/.."
EPCI=${1:-200054807}
dotnet build src/Logis.Cli -c Release -v q -nologo >/dev/null
CLI="dotnet src/Logis.Cli/bin/Release/net10.0/logis.dll"
TMP=$(mktemp -d /tmp/logis-bench.XXXXXX)
mesure() { /usr/bin/time -f "%e s, %M Kio" "$@" 2>&1 >/dev/null | tail -1; }

echo "SQLite     : $(mesure $CLI --base sqlite --connexion "Data Source=$TMP/bench.db" seed-demo --epci "$EPCI")"

. bench/lib/postgres.sh
pg_jetable "$TMP"
$CLI --base postgresql --connexion "$PG" migrate >/dev/null
echo "PostgreSQL : $(mesure $CLI --base postgresql --connexion "$PG" seed-demo --epci "$EPCI")"
