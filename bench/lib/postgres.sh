# Un PostgreSQL jetable pour les bancs (bench/*.sh), à sourcer : `. bench/lib/postgres.sh` (après `cd` à la racine du dépôt).
# Le cluster vit dans DOSSIER/pg, son journal dans DOSSIER/pg.log, sa socket dans DOSSIER ; il écoute sur 127.0.0.1:$PG_PORT
# (port libre choisi au démarrage si PG_PORT est vide), sans mot de passe (trust), utilisateur postgres. En root, initdb et pg_ctl
# tournent sous l'utilisateur postgres (runuser) et DOSSIER lui est donné.
#   pg_jetable DOSSIER [RÉGLAGES…]    initdb, démarrage, et arrêt + suppression de DOSSIER à la sortie du script (trap EXIT) ;
#                                     RÉGLAGES : options du serveur, par exemple -c shared_buffers=256MB
#   pg_initdb DOSSIER ; pg_copier SOURCE DOSSIER ; pg_demarrer DOSSIER [RÉGLAGES…] ; pg_arreter DOSSIER [MODE] ; pg_nettoyer DOSSIER
#                                     les étapes, pour un script qui garde sa base (BENCH_BASE), part d'une copie ou a son propre trap
# Après pg_demarrer : PG (chaîne de connexion Npgsql), PG_PORT, PSQL (psql vers ce serveur, tableau) ; aussi PGBIN (le vrai bin/ de
# PostgreSQL : pg_basebackup y est) et RUNAS (préfixe des commandes du serveur : runuser -u postgres -- en root, vide sinon).
# Un script qui se lance sous `flock /tmp/logis-bench.lock` le prend avec -o : le serveur démarré ici n'hérite pas du verrou.

PGBIN=$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")")
RUNAS=()
if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); fi
PG_PORT=${PG_PORT:-}

# Un port libre sur la boucle locale.
pg_port_libre() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# DOSSIER créé s'il manque, et donné à postgres en root (socket et journal y sont écrits).
pg_dossier() {
  mkdir -p "$1"
  if [ "$(id -u)" = 0 ]; then chown postgres "$1"; fi
}

# Un cluster neuf dans DOSSIER/pg (UTF-8, locale C.UTF-8).
pg_initdb() {
  pg_dossier "$1"
  "${RUNAS[@]}" "$PGBIN/initdb" -D "$1/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
}

# DOSSIER/pg copié d'un cluster gardé (pg_basebackup d'un run précédent), prêt à démarrer.
pg_copier() {
  pg_dossier "$2"
  cp -a "$1" "$2/pg"
  rm -f "$2/pg/postmaster.pid" "$2/pg/standby.signal"
  if [ "$(id -u)" = 0 ]; then chown -R postgres "$2/pg"; fi
  chmod 700 "$2/pg"
}

# Démarre DOSSIER/pg sur PG_PORT (un port libre s'il est vide), avec les réglages donnés ; définit PG et PSQL.
pg_demarrer() {
  local dossier=$1; shift
  [ -n "$PG_PORT" ] || PG_PORT=$(pg_port_libre)
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$dossier/pg" -o "-p $PG_PORT -k $dossier -c listen_addresses=127.0.0.1 $*" -l "$dossier/pg.log" -w start >/dev/null \
    || { tail -20 "$dossier/pg.log" >&2; echo "PostgreSQL n'a pas démarré ($dossier)" >&2; return 1; }
  PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -X -q)
}

# Arrête DOSSIER/pg (MODE : immediate par défaut, fast pour une base gardée) ; sans erreur s'il est déjà arrêté.
pg_arreter() { "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$1/pg" -m "${2:-immediate}" stop >/dev/null 2>&1 || true; }

# Arrête le serveur et supprime DOSSIER.
pg_nettoyer() {
  pg_arreter "$1"
  rm -rf "$1"
}

# Cluster neuf démarré, arrêté et supprimé à la sortie du script.
pg_jetable() {
  pg_initdb "$1"
  # shellcheck disable=SC2064 # DOSSIER is expanded now, on purpose.
  trap "pg_nettoyer '$1'" EXIT
  pg_demarrer "$@"
}
