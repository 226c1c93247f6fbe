#!/usr/bin/env bash
# Logis — la commande de test unique : prépare ce qu'il faut sur une machine neuve (PostgreSQL
# jetable, Chromium), lance toute la suite sur SQLite et PostgreSQL, et imprime en dernier une ligne
# « N passed, N failed ». Usage : ./test.sh [filtre dotnet test facultatif]
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

need_apt() { [ "$(id -u)" = 0 ] || { echo "Paquets manquants ($*) : lancez en root ou installez-les." >&2; exit 2; }
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }

# --- PostgreSQL : un cluster jetable sur un port libre -------------------------------------
PGBIN=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -1)" 2>/dev/null)
if [ ! -x "$PGBIN/initdb" ]; then
  echo "Installation de PostgreSQL…"; need_apt postgresql
  PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
fi
PGDIR=$(mktemp -d /tmp/logis-pg.XXXXXX)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
RUNAS=()
if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; RUNAS=(runuser -u postgres --); fi
cleanup() { "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDIR"; }
trap cleanup EXIT
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null || { echo "initdb a échoué" >&2; exit 2; }
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" -l "$PGDIR/log" -w start >/dev/null \
  || { cat "$PGDIR/log" >&2; echo "PostgreSQL n'a pas démarré" >&2; exit 2; }
export LOGIS_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Include Error Detail=true"
echo "PostgreSQL de test : port $PGPORT"

# --- Chromium pour les tests navigateur ----------------------------------------------------
if [ -d tests/Logis.E2E ] && [ ! -x /usr/bin/chromium ]; then echo "Installation de Chromium…"; need_apt chromium; fi
# --- pdftoppm (poppler-utils) : les pages du bilan annuel PDF gardées en images dans artifacts/ -------
if ! command -v pdftoppm >/dev/null 2>&1; then echo "Installation de poppler-utils…"; need_apt poppler-utils; fi

# --- Compilation et tests --------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Logis.slnx -c Release -v q -nologo || { echo "0 passed, 1 failed"; exit 1; }
FILTER=()
[ $# -gt 0 ] && FILTER=(--filter "$1")
# Two whole suites at once on a small shared machine slow each other until browser tests time out: a whole suite
# waits for the one already running on this machine (a filtered run does not wait).
if [ $# -eq 0 ]; then
  exec 9>/tmp/logis-suite-complete.lock
  flock -n 9 || { echo "Une autre suite complète tourne sur cette machine : attente de sa fin…"; flock 9; }
fi
# The lock's descriptor is closed for the tests: a process they leave behind (a build node, a server) must not keep the lock.
dotnet test Logis.slnx -c Release --no-build -v q -nologo --logger "trx" --results-directory "$RESULTS" "${FILTER[@]}" 9>&-
STATUS=$?

# --- Ligne de clôture calculée depuis les fichiers TRX ---------------------------------------
python3 - "$RESULTS" "$STATUS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0)) + int(c.get("inconclusive", 0))
if p + f == 0 or (sys.argv[2] != "0" and f == 0): f += 1  # no test ran, or the runner failed outside a test
print(f"{p} passed, {f} failed, {s} skipped")
sys.exit(1 if f else 0)
PY
