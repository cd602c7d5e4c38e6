#!/usr/bin/env bash
# Local infrastructure without containers: PostgreSQL, RabbitMQ, Mosquitto and Redis from Debian packages
# (used where already running on loopback, installed and started when absent and we are root), Kafka and
# Keycloak from their official Maven Central artifacts (scripts/infra/kafka.sh, keycloak.sh), erp-etl's
# MongoDB-wire-compatible server (scripts/infra/mongo.sh, mongo-java-server from Maven Central), the
# secured device broker (scripts/infra/mosquitto-devices.sh, a second Mosquitto run by this project), and
# one database + role per service. Idempotent: `up` twice changes nothing the second time.
#   usage: infra.sh up | down | status
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib/common.sh"
set -a; . "$ROOT/deploy/local.env"; set +a

PGURL="postgres://$POSTGRES_ADMIN_USER:$POSTGRES_ADMIN_PASSWORD@$POSTGRES_HOST:$POSTGRES_PORT/postgres"

# ---- probes: each really talks the component's protocol -------------------------------------------
pg_ok() { pg_isready -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -t 3 2>/dev/null && psql "$PGURL" -tAc 'SELECT 1' >/dev/null 2>&1; }
# AMQP 0-9-1: after the protocol header the broker answers with a Connection.Start method frame (type 1).
rabbit_ok() {
  local hostport="${RABBITMQ_URL##*@}" byte
  hostport="${hostport%%/*}"
  byte="$(timeout 3 bash -c "exec 3<>/dev/tcp/${hostport%:*}/${hostport#*:}; printf 'AMQP\x00\x00\x09\x01' >&3; head -c1 <&3 | od -An -tu1" 2>/dev/null | tr -d ' ')"
  [ "$byte" = "1" ]
}
mqtt_ok() {
  local hp="${MQTT_URL#mqtt://}"
  timeout 5 mosquitto_sub -h "${hp%:*}" -p "${hp#*:}" -t '$SYS/broker/version' -C 1 -W 3 >/dev/null 2>&1
}
redis_ok() { local hp="${REDIS_URL#redis://}"; [ "$(redis-cli -h "${hp%:*}" -p "${hp#*:}" ping 2>/dev/null)" = "PONG" ]; }

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

apt_install() {
  if [ ! -f "$CACHE/.apt-updated" ]; then apt-get update -qq && mkdir -p "$CACHE" && touch "$CACHE/.apt-updated"; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

missing() {
  die "$1 is not running on loopback and cannot be installed here (needs root and apt-get).
   Install it ($2) or run the whole stack with Docker: docker compose up -d"
}

wait_for() { # name probe seconds
  local i
  for ((i = 0; i < $3 * 2; i++)); do "$2" && return 0; sleep 0.5; done
  die "$1 did not become healthy within $3 s"
}

ensure_postgres() {
  pg_ok && return 0
  can_install || missing PostgreSQL postgresql
  command -v pg_ctlcluster >/dev/null || { log "installing PostgreSQL"; apt_install postgresql; }
  log "starting PostgreSQL"
  local v; v="$(ls /etc/postgresql | sort -V | tail -1)"
  pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null || true
  pg_isready -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -t 30 || die "PostgreSQL did not start"
  # A fresh install authenticates TCP logins by password: give the admin role the one local.env names.
  pg_ok || su postgres -c "psql -qc \"ALTER USER $POSTGRES_ADMIN_USER PASSWORD '$POSTGRES_ADMIN_PASSWORD'\"" >/dev/null
  wait_for PostgreSQL pg_ok 30
}

ensure_rabbitmq() {
  rabbit_ok && return 0
  can_install || missing RabbitMQ rabbitmq-server
  command -v rabbitmq-server >/dev/null || { log "installing RabbitMQ"; apt_install rabbitmq-server; }
  log "starting RabbitMQ"
  rabbitmq-server -detached >/dev/null 2>&1 || true
  wait_for RabbitMQ rabbit_ok 90
}

ensure_mosquitto() {
  mqtt_ok && return 0
  can_install || missing Mosquitto "mosquitto mosquitto-clients"
  command -v mosquitto >/dev/null && command -v mosquitto_sub >/dev/null || { log "installing Mosquitto"; apt_install mosquitto mosquitto-clients; }
  log "starting Mosquitto"
  mosquitto -d -c /etc/mosquitto/mosquitto.conf
  wait_for Mosquitto mqtt_ok 20
}

ensure_redis() {
  redis_ok && return 0
  can_install || missing Redis redis-server
  command -v redis-server >/dev/null || { log "installing Redis"; apt_install redis-server; }
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no --dir /tmp >/dev/null
  wait_for Redis redis_ok 20
}

ensure_java() {
  command -v java >/dev/null && command -v javac >/dev/null && return 0
  can_install || die "a JDK (17+, with javac) is needed for Kafka, Keycloak and MongoDB: apt-get install openjdk-17-jdk-headless"
  log "installing a JDK"; apt_install openjdk-17-jdk-headless
}

# One database and one login role per service (deploy/postgres/init-databases.sql, shared with Docker).
ensure_databases() {
  psql "$PGURL" -qX -v ON_ERROR_STOP=1 -f "$ROOT/deploy/postgres/init-databases.sql" >/dev/null ||
    die "could not create the service databases"
}

services_with_db() {
  node -e 'for (const [n, s] of Object.entries(require(process.argv[1]))) if (s.database) console.log(n, s.database)' \
    "$ROOT/deploy/services.json"
}

row() { printf '  %-18s %-32s %s\n' "$1" "$2" "$3"; }

status() {
  local bad=0 line
  row component address health
  if pg_ok; then row postgresql "$POSTGRES_HOST:$POSTGRES_PORT" healthy; else row postgresql "$POSTGRES_HOST:$POSTGRES_PORT" down; bad=1; fi
  if rabbit_ok; then row rabbitmq "${RABBITMQ_URL##*@}" healthy; else row rabbitmq "${RABBITMQ_URL##*@}" down; bad=1; fi
  if mqtt_ok; then row mosquitto "${MQTT_URL#mqtt://}" healthy; else row mosquitto "${MQTT_URL#mqtt://}" down; bad=1; fi
  if redis_ok; then row redis "${REDIS_URL#redis://}" healthy; else row redis "${REDIS_URL#redis://}" down; bad=1; fi
  for c in mosquitto-devices kafka keycloak mongo; do
    line="$("$HERE/$c.sh" status 2>/dev/null)" || bad=1
    read -r _ addr health <<<"$line"
    row "$c" "$addr" "$health"
  done
  if pg_ok; then
    local n
    n="$(psql "$PGURL" -tAXc "SELECT count(*) FROM pg_database WHERE datname IN ($(services_with_db | awk '{printf "%s'\''%s'\''", (NR>1?",":""), $2}'))")"
    row databases "$POSTGRES_HOST:$POSTGRES_PORT" "$n of $(services_with_db | wc -l) service databases"
  fi
  return $bad
}

up() {
  local started=$SECONDS
  ensure_node
  ensure_postgres
  ensure_rabbitmq
  ensure_mosquitto
  ensure_redis
  "$HERE/mosquitto-devices.sh" up >/dev/null
  ensure_databases
  ensure_java
  # The JVMs start in parallel: together they are most of the start-up time.
  "$HERE/kafka.sh" up &
  local kafka_pid=$!
  "$HERE/mongo.sh" up &
  local mongo_pid=$!
  "$HERE/keycloak.sh" up || { wait "$kafka_pid" "$mongo_pid" || true; die "Keycloak did not come up"; }
  wait "$kafka_pid" || { wait "$mongo_pid" || true; die "Kafka did not come up"; }
  wait "$mongo_pid" || die "the MongoDB-compatible server did not come up"
  log "infrastructure up in $((SECONDS - started)) s"
  status
}

down() {
  # Only what this project started itself; the machine's shared services stay as they were.
  "$HERE/keycloak.sh" down
  "$HERE/kafka.sh" down
  "$HERE/mongo.sh" down
  "$HERE/mosquitto-devices.sh" down
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) die "usage: $0 up | down | status" ;;
esac
