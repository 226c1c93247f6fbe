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

PGBIN=$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
PORT=55931
RUNAS=(); if [ "$(id -u)" = 0 ]; then chown postgres "$TMP"; RUNAS=(runuser -u postgres --); fi
"${RUNAS[@]}" "$PGBIN/initdb" -D "$TMP/pg" -A trust -U postgres >/dev/null
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg" -o "-p $PORT -k $TMP -c listen_addresses=127.0.0.1" -l "$TMP/pg.log" -w start >/dev/null
trap '"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg" -m immediate stop >/dev/null; rm -rf "$TMP"' EXIT
PG="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
$CLI --base postgresql --connexion "$PG" migrate >/dev/null
echo "PostgreSQL : $(mesure $CLI --base postgresql --connexion "$PG" seed-demo --epci "$EPCI")"
