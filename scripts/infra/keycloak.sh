#!/usr/bin/env bash
# Local dev Keycloak on loopback, from the official distribution on Maven Central
# (org.keycloak:keycloak-quarkus-dist, tar.gz) resolved with Maven into a git-ignored cache
# and started with a JDK 21+ found on the machine. Imports deploy/keycloak/sportclub-realm.json.
#
#   scripts/infra/keycloak.sh fetch    resolve + unpack the pinned distribution (once per version)
#   scripts/infra/keycloak.sh up       fetch + (re)import realm if needed + start + wait until ready
#   scripts/infra/keycloak.sh down     stop gracefully (SIGTERM, 30 s, then SIGKILL)
#   scripts/infra/keycloak.sh status   one line; exit 0 if healthy, 3 otherwise
#
# Env: KEYCLOAK_PORT (8180), KEYCLOAK_MGMT_PORT (9180, health at /health/ready),
#      KEYCLOAK_JAVA_HOME (JDK 21+ to use; auto-detected otherwise),
#      KEYCLOAK_HEAP (-Xms256m -Xmx768m), KEYCLOAK_UP_TIMEOUT (180 s).
# Cache (git-ignored): .cache/keycloak/{keycloak-<version>/ (dist + data/), logs/, keycloak.pid, keycloak.run}
# Dev only: bootstrap admin admin/admin, H2 dev-file store, dev secrets in the realm JSON.
# See docs/decisions/0002-keycloak-version.md.
set -euo pipefail

# ---- the ONE place the Keycloak version is pinned (26.x needs Java 21+) ----
KC_VERSION="26.7.3"
KC_MIN_JAVA=21

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
REALM_NAME="sportclub"
REALM_JSON="$ROOT/deploy/keycloak/sportclub-realm.json"
CACHE="$ROOT/.cache/keycloak"
DIST="$CACHE/keycloak-$KC_VERSION"
FETCH_STAMP="$DIST/.fetched"
DATA="$DIST/data"                      # Keycloak's data dir (H2 dev-file DB, import dir, tmp)
REALM_STAMP="$DATA/.realm-import.sha256"
LOGS="$CACHE/logs"
LOG="$LOGS/keycloak.log"
PIDFILE="$CACHE/keycloak.pid"
RUNFILE="$CACHE/keycloak.run"           # version + JDK of the running instance

HOST=127.0.0.1
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
KEYCLOAK_MGMT_PORT="${KEYCLOAK_MGMT_PORT:-9180}"
KEYCLOAK_HEAP="${KEYCLOAK_HEAP:--Xms256m -Xmx768m}"
KEYCLOAK_UP_TIMEOUT="${KEYCLOAK_UP_TIMEOUT:-180}"
STOP_TIMEOUT=30
BASE_URL="http://$HOST:$KEYCLOAK_PORT"
READY_URL="$BASE_URL/realms/$REALM_NAME/.well-known/openid-configuration"

log() { printf 'keycloak: %s\n' "$*" >&2; }
die() { printf 'keycloak: ERROR: %s\n' "$*" >&2; exit 1; }
line() { printf '%-10s %-23s %s\n' keycloak "$BASE_URL" "$*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

[[ "$KEYCLOAK_PORT" =~ ^[0-9]+$ ]] || die "KEYCLOAK_PORT must be a number (got '$KEYCLOAK_PORT')"
[[ "$KEYCLOAK_MGMT_PORT" =~ ^[0-9]+$ ]] || die "KEYCLOAK_MGMT_PORT must be a number (got '$KEYCLOAK_MGMT_PORT')"
[[ "$KEYCLOAK_PORT" != "$KEYCLOAK_MGMT_PORT" ]] || die "KEYCLOAK_PORT and KEYCLOAK_MGMT_PORT must differ"
command -v curl >/dev/null 2>&1 || die "curl not found (needed for readiness checks)"

# ---------------------------------------------------------------- fetch

cmd_fetch() {
  if [[ -f "$FETCH_STAMP" && -x "$DIST/bin/kc.sh" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found: Maven is needed once to resolve org.keycloak:keycloak-quarkus-dist:$KC_VERSION from Maven Central"
  command -v tar >/dev/null 2>&1 || die "tar not found"
  mkdir -p "$CACHE"
  local tmp t0
  tmp="$(mktemp -d "$CACHE/.fetch.XXXXXX")"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  t0="$(now)"
  log "resolving org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz with Maven ..."
  (cd "$tmp" && mvn -q -B -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz" \
      -DoutputDirectory="$tmp") \
    || die "Maven could not resolve org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz (Maven Central reachable?)"
  tar -xzf "$tmp/keycloak-quarkus-dist-$KC_VERSION.tar.gz" -C "$tmp" \
    || die "could not unpack keycloak-quarkus-dist-$KC_VERSION.tar.gz"
  [[ -x "$tmp/keycloak-$KC_VERSION/bin/kc.sh" ]] || die "unexpected archive layout: keycloak-$KC_VERSION/bin/kc.sh missing"
  rm -rf "$DIST"
  mv "$tmp/keycloak-$KC_VERSION" "$DIST"
  printf '%s\n' "$KC_VERSION" >"$FETCH_STAMP"
  rm -rf "$tmp"
  trap - EXIT
  log "distribution $KC_VERSION ready in ${DIST#"$ROOT"/} ($(since "$t0") s)"
}

# ---------------------------------------------------------------- JDK

# Major Java version of a JDK home ("" if not a usable JDK).
java_major() {
  local v
  [[ -x "$1/bin/java" ]] || return 0
  v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)"
  v="${v#1.}"; v="${v%%.*}"
  [[ "$v" =~ ^[0-9]+$ ]] && printf '%s\n' "$v"
  return 0
}

# Prints a JDK home with Java >= KC_MIN_JAVA, or dies naming what is missing.
find_java_home() {
  local c m seen=() path_java
  if [[ -n "${KEYCLOAK_JAVA_HOME:-}" ]]; then
    m="$(java_major "$KEYCLOAK_JAVA_HOME")"
    [[ -n "$m" ]] || die "KEYCLOAK_JAVA_HOME=$KEYCLOAK_JAVA_HOME has no runnable bin/java"
    ((m >= KC_MIN_JAVA)) || die "KEYCLOAK_JAVA_HOME=$KEYCLOAK_JAVA_HOME is Java $m; Keycloak $KC_VERSION needs Java $KC_MIN_JAVA+"
    printf '%s\n' "$KEYCLOAK_JAVA_HOME"; return 0
  fi
  local candidates=()
  shopt -s nullglob
  candidates+=(/usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/*-21* /usr/lib/jvm/*)
  shopt -u nullglob
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if path_java="$(command -v java 2>/dev/null)"; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$path_java")")")")
  fi
  local -A visited=()
  for c in "${candidates[@]}"; do
    [[ -d "$c" ]] || continue
    [[ -z "${visited[$(readlink -f "$c")]:-}" ]] || continue
    visited[$(readlink -f "$c")]=1
    m="$(java_major "$c")"
    [[ -n "$m" ]] || continue
    if ((m >= KC_MIN_JAVA)); then printf '%s\n' "$c"; return 0; fi
    seen+=("$c=Java $m")
  done
  die "no JDK $KC_MIN_JAVA+ found: Keycloak $KC_VERSION needs Java $KC_MIN_JAVA or newer. Found only: ${seen[*]:-no JDK at all}. Install a JDK 21/25 under /usr/lib/jvm (e.g. Temurin 25) or point KEYCLOAK_JAVA_HOME at one."
}

# ---------------------------------------------------------------- process / health

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

is_our_keycloak() {
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *"$CACHE"* ]]
}

# Pid of the Keycloak we started (alive, and really ours), else fails.
our_pid() {
  local pid
  [[ -f "$PIDFILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$PIDFILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && is_our_keycloak "$pid" || return 1
  printf '%s\n' "$pid"
}

realm_ready() {
  [[ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$READY_URL" 2>/dev/null || true)" == 200 ]]
}

run_info() { sed -n "s/^$1=//p" "$RUNFILE" 2>/dev/null | head -n 1; }

# Point BASE_URL/READY_URL at the port the running instance was started with.
use_running_port() {
  local p
  p="$(run_info port)"
  if [[ -n "$p" ]]; then
    BASE_URL="http://$HOST:$p"
    READY_URL="$BASE_URL/realms/$REALM_NAME/.well-known/openid-configuration"
  fi
}

print_log_tail() {
  if [[ -f "$LOG" ]]; then
    log "last 40 lines of ${LOG#"$ROOT"/}:"
    tail -n 40 "$LOG" >&2
  fi
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + KEYCLOAK_UP_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tail
      rm -f "$PIDFILE"
      die "Keycloak (pid $pid) exited during start-up"
    fi
    realm_ready && return 0
    sleep 1
  done
  print_log_tail
  die "Keycloak not ready after ${KEYCLOAK_UP_TIMEOUT}s ($READY_URL); still running as pid $pid (scripts/infra/keycloak.sh down to stop it)"
}

realm_hash() { sha256sum "$1" | cut -d' ' -f1; }

# ---------------------------------------------------------------- commands

cmd_up() {
  local pid
  [[ -f "$REALM_JSON" ]] || die "realm file missing: $REALM_JSON"
  if pid="$(our_pid)"; then
    local running_port
    running_port="$(run_info port)"
    if [[ -n "$running_port" && "$running_port" != "$KEYCLOAK_PORT" ]]; then
      die "Keycloak is already running (pid $pid) on port $running_port, not $KEYCLOAK_PORT; run 'down' first to change ports"
    fi
    if ! realm_ready; then
      log "pid $pid is running but not ready yet; waiting (up to ${KEYCLOAK_UP_TIMEOUT}s)"
      wait_ready "$pid"
    fi
    log "already running and healthy (pid $pid) - nothing to do"
    if [[ "$(realm_hash "$REALM_JSON")" != "$(cat "$REALM_STAMP" 2>/dev/null || true)" ]]; then
      log "NOTE: ${REALM_JSON#"$ROOT"/} changed since it was imported; run 'down' then 'up' to re-import (wipes the dev data)"
    fi
    cmd_status
    return 0
  fi
  rm -f "$PIDFILE" "$RUNFILE"
  # Another checkout's (or Docker's) Keycloak serving the realm on this port is used as it is, as kafka.sh does.
  if realm_ready; then
    log "a Keycloak not started by this script already serves realm $REALM_NAME at $BASE_URL; using it"
    cmd_status
    return 0
  fi
  port_open "$KEYCLOAK_PORT" && die "port $HOST:$KEYCLOAK_PORT is already in use by another process (not started by this script)"
  port_open "$KEYCLOAK_MGMT_PORT" && die "port $HOST:$KEYCLOAK_MGMT_PORT is already in use by another process (not started by this script)"

  cmd_fetch
  local java_home java_major_v
  java_home="$(find_java_home)"
  java_major_v="$(java_major "$java_home")"

  # Realm import: --import-realm only imports a realm that does not exist yet, so when the
  # realm JSON changed since the last import, start from an empty dev database.
  local want have mode
  want="$(realm_hash "$REALM_JSON")"
  have="$(cat "$REALM_STAMP" 2>/dev/null || true)"
  if [[ -d "$DATA/h2" && "$want" == "$have" ]]; then
    mode="existing dev data, realm already imported"
  else
    if [[ -d "$DATA/h2" ]]; then
      log "realm JSON changed since last import -> wiping the dev data dir and re-importing"
    fi
    rm -rf "$DATA"
    mode="fresh dev data, importing realm"
  fi
  mkdir -p "$DATA/import" "$LOGS"
  rm -f "$DATA/import/"*.json
  cp "$REALM_JSON" "$DATA/import/$REALM_NAME-realm.json"
  want="$(realm_hash "$DATA/import/$REALM_NAME-realm.json")"

  [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.1"
  log "starting Keycloak $KC_VERSION (start-dev, H2 dev-file) with Java $java_major_v from $java_home; $mode"
  local t0 launcher=()
  t0="$(now)"
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  # The inner bash writes its own pid and execs kc.sh (kc.sh later execs/forwards to java),
  # so the pid file is right even if setsid forks; setsid makes it a process-group leader.
  (
    cd "$DIST"
    export JAVA_HOME="$java_home"
    unset JAVA JAVA_OPTS JAVA_OPTS_APPEND
    export JAVA_OPTS_KC_HEAP="$KEYCLOAK_HEAP"
    export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin   # dev only
    # shellcheck disable=SC2016  # expanded by the inner bash
    nohup "${launcher[@]}" bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PIDFILE" \
      "$DIST/bin/kc.sh" start-dev \
      --http-host="$HOST" --http-port="$KEYCLOAK_PORT" \
      --http-management-port="$KEYCLOAK_MGMT_PORT" --health-enabled=true \
      --hostname="$BASE_URL" \
      --import-realm \
      --log-console-color=false \
      </dev/null >>"$LOG" 2>&1 &
  )
  local _
  for _ in $(seq 1 50); do [[ -s "$PIDFILE" ]] && break; sleep 0.1; done
  pid="$(tr -dc '0-9' <"$PIDFILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] || { print_log_tail; die "Keycloak did not start (no pid written)"; }
  printf 'version=%s\nport=%s\nmgmt_port=%s\njava_home=%s\njava=%s\n' \
    "$KC_VERSION" "$KEYCLOAK_PORT" "$KEYCLOAK_MGMT_PORT" "$java_home" "$java_major_v" >"$RUNFILE"

  wait_ready "$pid"
  printf '%s\n' "$want" >"$REALM_STAMP"
  log "ready in $(since "$t0") s (issuer $BASE_URL/realms/$REALM_NAME, admin console $BASE_URL/admin  admin/admin, health http://$HOST:$KEYCLOAK_MGMT_PORT/health/ready)"
  cmd_status
}

cmd_down() {
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$PIDFILE" "$RUNFILE"
    log "not running"
    line "down"
    return 0
  fi
  log "stopping pid $pid (SIGTERM, up to ${STOP_TIMEOUT}s)"
  # Signal the whole process group (kc.sh + its java child); fall back to the pid.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "still alive after ${STOP_TIMEOUT}s -> SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
  done
  rm -f "$PIDFILE" "$RUNFILE"
  line "down"
}

cmd_status() {
  local pid v
  if pid="$(our_pid)"; then
    use_running_port
    v="$(run_info version)"
    if realm_ready; then
      line "healthy (pid $pid, ${v:-$KC_VERSION}, realm $REALM_NAME)"
      return 0
    fi
    line "starting/unhealthy (pid $pid, ${v:-$KC_VERSION}, realm $REALM_NAME not answering)"
    return 3
  fi
  if realm_ready; then
    line "healthy (not started by this script, realm $REALM_NAME)"
    return 0
  elif port_open "$KEYCLOAK_PORT"; then
    line "down (port $KEYCLOAK_PORT is used by a process not started by this script)"
  else
    line "down"
  fi
  return 3
}

case "${1:-}" in
  fetch) cmd_fetch; log "distribution $KC_VERSION present in ${DIST#"$ROOT"/}" ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *)
    printf 'usage: %s fetch|up|down|status\n' "$(basename "$0")" >&2
    exit 2
    ;;
esac
