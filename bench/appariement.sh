#!/usr/bin/env bash
# Mesure l'appariement d'un lot de vacances (Logis.Domain.Attributions.Appariement) sur des lots synthétiques de la forme de ceux de la
# démonstration (AppariementBanc) : temps de l'appariement optimal et du glouton, nœuds de la recherche, optimalité prouvée ou non.
# Usage : flock -o /tmp/logis-bench.lock bench/appariement.sh [tailles, défaut 50,200] [graines, défaut 5]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Logis.Bench -c Release -v q -nologo >/dev/null
dotnet bench/Logis.Bench/bin/Release/net10.0/Logis.Bench.dll appariement "${1:-50,200}" "${2:-5}"
