#!/usr/bin/env bash
# Local dev MongoDB-wire-compatible server for erp-etl's landing zone (mongoose): mongo-java-server from
# Maven Central (deploy/mongo/pom.xml) over an H2 MVStore file, started by a small launcher
# (scripts/infra/mongo/MongoServerMain.java, compiled here) with the machine's JDK (17+). No MongoDB
# server is packaged for these machines; docker-compose.yml runs the real one.
#
#   scripts/infra/mongo.sh fetch    resolve the jars into .cache/mongo/libs and compile the launcher (once per version)
#   scripts/infra/mongo.sh up       fetch + start + wait until it answers a ping
#   scripts/infra/mongo.sh down     stop gracefully (SIGTERM, 30 s, then SIGKILL)
#   scripts/infra/mongo.sh status   one line; exit 0 if healthy, 3 otherwise
#
# Env: MONGO_URL (deploy/local.env: mongodb://127.0.0.1:27017/erp_etl; host and port are used),
#      MONGO_DIR (the instance's folder: data, logs, pid; .cache/mongo), MONGO_HEAP_OPTS (-Xms32m -Xmx256m),
#      MONGO_UP_TIMEOUT (60 s), JAVA_HOME. Tests start private instances by setting MONGO_URL and MONGO_DIR.
# Cache (git-ignored): .cache/mongo/{libs,classes} and, for the default instance, {data/landing.mv,logs,mongo.pid}.
# See docs/decisions/0021-mongodb-landing-zone.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
DEPLOY="$ROOT/deploy/mongo"
POM="$DEPLOY/pom.xml"
SOURCE="$SCRIPT_DIR/mongo/MongoServerMain.java"
CACHE="$ROOT/.cache/mongo"
LIBS="$CACHE/libs"
CLASSES="$CACHE/classes"
STAMP="$CLASSES/.stamp"

if [[ -z "${MONGO_URL:-}" ]]; then
  MONGO_URL="$(sed -n 's/^MONGO_URL=//p' "$ROOT/deploy/local.env" | head -n 1)"
fi
hostport="${MONGO_URL#mongodb://}"
hostport="${hostport%%/*}"
HOST="${hostport%:*}"
PORT="${hostport##*:}"
DIR="${MONGO_DIR:-$CACHE}"
[[ "$DIR" = /* ]] || DIR="$ROOT/$DIR"
DATA="$DIR/data"
STORE="$DATA/landing.mv"
LOGS="$DIR/logs"
PIDFILE="$DIR/mongo.pid"
MONGO_HEAP_OPTS="${MONGO_HEAP_OPTS:--Xms32m -Xmx256m}"
MONGO_UP_TIMEOUT="${MONGO_UP_TIMEOUT:-60}"
STOP_TIMEOUT=30

JAVA=""

log() { printf 'mongo: %s\n' "$*" >&2; }
die() { printf 'mongo: ERROR: %s\n' "$*" >&2; exit 1; }
line() { printf '%-10s %-16s %s\n' mongo "$HOST:$PORT" "$*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

[[ "$PORT" =~ ^[0-9]+$ && -n "$HOST" && "$HOST" != "$hostport" ]] ||
  die "MONGO_URL must be mongodb://<host>:<port>/<database> (got '$MONGO_URL')"

# ---------------------------------------------------------------- version / fetch

# The mongo-java-server version is pinned once, as <mongo-java-server.version> in deploy/mongo/pom.xml.
pinned_version() {
  local v
  v="$(sed -n 's:.*<mongo-java-server\.version>\([^<]*\)</mongo-java-server\.version>.*:\1:p' "$POM" | head -n 1)"
  [[ -n "$v" ]] || die "no <mongo-java-server.version> property in $POM"
  printf '%s\n' "$v"
}

libs_stamp() {
  printf 'mongo-java-server.version=%s\npom.sha256=%s\n' "$(pinned_version)" "$(sha256sum "$POM" | cut -d' ' -f1)"
}

classes_stamp() {
  libs_stamp
  printf 'launcher.sha256=%s\n' "$(sha256sum "$SOURCE" | cut -d' ' -f1)"
}

cached_version() {
  if [[ -f "$STAMP" ]]; then sed -n 's/^mongo-java-server\.version=//p' "$STAMP" | head -n 1; fi
}

current() {
  [[ -f "$STAMP" ]] && [[ "$(cat "$STAMP")" == "$(classes_stamp)" ]]
}

resolve_libs() {
  local version tmp t0 out
  version="$(pinned_version)"
  if [[ -f "$LIBS/.stamp" ]] && [[ "$(cat "$LIBS/.stamp")" == "$(libs_stamp)" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn (Apache Maven) is required to resolve mongo-java-server"
  mkdir -p "$CACHE"
  tmp="$CACHE/libs.tmp.$$"
  rm -rf "$tmp"
  log "resolving mongo-java-server $version from Maven Central (mvn) ..."
  t0="$(now)"
  # Output is kept for failures only (Maven 3.8 prints stray ANSI resets even with -q).
  if ! out="$(mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
    -DoutputDirectory="$tmp" -DincludeScope=runtime 2>&1)"; then
    printf '%s\n' "$out" >&2
    rm -rf "$tmp"
    die "mvn dependency:copy-dependencies failed"
  fi
  [[ -f "$tmp/mongo-java-server-core-$version.jar" ]] || {
    rm -rf "$tmp"
    die "resolution did not produce mongo-java-server-core-$version.jar"
  }
  libs_stamp >"$tmp/.stamp"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  log "resolved $(find "$LIBS" -name '*.jar' | wc -l) jars into ${LIBS#"$ROOT"/} in $(since "$t0")s"
}

# javac of the JDK that runs the server, else the one on PATH.
find_javac() {
  local c
  c="$(dirname "$(readlink -f "$JAVA")")/javac"
  if [[ -x "$c" ]]; then printf '%s\n' "$c"; return 0; fi
  command -v javac 2>/dev/null || die "javac (a JDK 17+) is needed to compile the launcher"
}

cmd_fetch() {
  current && return 0
  if our_pid >/dev/null; then
    die "the cached server does not match $POM or the launcher but it is running; run '$0 down' first"
  fi
  # The jars and classes are shared by every instance: one fetch at a time (fd 8; fd 9 is the instance's).
  mkdir -p "$CACHE"
  if command -v flock >/dev/null 2>&1; then
    exec 8>"$CACHE/.fetch.lock"
    flock -w 300 8 || die "another mongo.sh is fetching (lock $CACHE/.fetch.lock)"
  fi
  if ! current; then fetch_locked; fi
  exec 8>&-
}

fetch_locked() {
  resolve_libs
  find_java
  local tmp out
  tmp="$CACHE/classes.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! out="$("$(find_javac)" --release 17 -nowarn -d "$tmp" -cp "$LIBS/*" "$SOURCE" 2>&1)"; then
    printf '%s\n' "$out" >&2
    rm -rf "$tmp"
    die "could not compile ${SOURCE#"$ROOT"/}"
  fi
  classes_stamp >"$tmp/.stamp"
  rm -rf "$CLASSES"
  mv "$tmp" "$CLASSES"
}

# ---------------------------------------------------------------- java

java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }' |
    awk -F. '{ if ($1 == "1") print $2; else print $1 }' | sed 's/[^0-9].*//'
}

# JAVA_HOME if set (and 17+), else `java` on PATH, else any JDK 17+ under /usr/lib/jvm.
find_java() {
  [[ -n "$JAVA" ]] && return 0
  local c m cands=()
  if [[ -n "${JAVA_HOME:-}" ]]; then cands+=("$JAVA_HOME/bin/java"); fi
  if command -v java >/dev/null 2>&1; then cands+=("$(command -v java)"); fi
  for c in /usr/lib/jvm/*/bin/java; do cands+=("$c"); done
  for c in "${cands[@]}"; do
    [[ -x "$c" ]] || continue
    m="$(java_major "$c" || true)"
    if [[ "$m" =~ ^[0-9]+$ ]] && ((m >= 17)); then
      JAVA="$c"
      return 0
    fi
    log "skipping $c (Java ${m:-?}; mongo-java-server needs 17+)"
  done
  die "no Java 17+ found: set JAVA_HOME or put a JDK 17+ on PATH"
}

# ---------------------------------------------------------------- process / health

is_our_server() {
  local cmd
  cmd="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)" || return 1
  [[ "$cmd" == *" MongoServerMain "* && "$cmd" == *" $STORE"* ]]
}

# Prints the pid of the server started by this script for this instance's store (pid file, or a
# server using the store whose pid file got lost); fails if none.
our_pid() {
  local pid d
  if [[ -f "$PIDFILE" ]]; then
    pid="$(tr -dc '0-9' <"$PIDFILE")"
    if [[ -n "$pid" ]] && is_our_server "$pid"; then
      printf '%s\n' "$pid"
      return 0
    fi
  fi
  while IFS= read -r d; do
    pid="${d#/proc/}"
    pid="${pid%/cmdline}"
    if is_our_server "$pid"; then
      printf '%s\n' "$pid"
      return 0
    fi
  done < <(grep -laF -- "$STORE" /proc/[0-9]*/cmdline 2>/dev/null || true)
  return 1
}

port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$PORT" 2>/dev/null
}

# A real command over the wire protocol: OP_MSG {ping: 1, $db: "admin"} must answer {ok: 1.0}.
ping_ok() {
  local reply
  # shellcheck disable=SC2016 # $db is BSON, not a variable
  reply="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x33\0\0\0\x01\0\0\0\0\0\0\0\xdd\x07\0\0\0\0\0\0\0\x1e\0\0\0\x10ping\0\x01\0\0\0\x02\$db\0\x06\0\0\0admin\0\0" >&3
    len="$(head -c 4 <&3 | od -An -tu4 | tr -d " ")"
    [ -n "$len" ] && [ "$len" -gt 16 ] && [ "$len" -lt 65536 ] || exit 1
    head -c "$((len - 4))" <&3 | od -An -tx1 -v' "$HOST" "$PORT" 2>/dev/null | tr -s ' \n' ' ')" || return 1
  # opCode 2013 (OP_MSG) and the element ok: 1.0 (double) or ok: 1 (int32)
  [[ "$reply" == *" dd 07 00 00 "* ]] &&
    [[ "$reply" == *" 01 6f 6b 00 00 00 00 00 00 00 f0 3f"* || "$reply" == *" 10 6f 6b 00 01 00 00 00"* ]]
}

print_log_tail() {
  if [[ -s "$LOGS/mongo.log" ]]; then
    printf -- '----- tail %s -----\n' "${LOGS#"$ROOT"/}/mongo.log" >&2
    tail -n 40 "$LOGS/mongo.log" >&2
  fi
}

stop_pid() {
  local pid="$1" waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && is_our_server "$pid"; do
    if ((waited >= STOP_TIMEOUT * 10)); then
      log "pid $pid still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# ---------------------------------------------------------------- commands

wait_ready() {
  local pid="$1" t0="$2" deadline=$((SECONDS + MONGO_UP_TIMEOUT))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PIDFILE"
      print_log_tail
      die "server process $pid exited during start-up"
    fi
    ping_ok && break
    if ((SECONDS >= deadline)); then
      print_log_tail
      log "not answering after ${MONGO_UP_TIMEOUT}s; stopping pid $pid"
      stop_pid "$pid"
      rm -f "$PIDFILE"
      die "server did not answer on $HOST:$PORT within ${MONGO_UP_TIMEOUT}s"
    fi
    sleep 0.2
  done
  line "up in $(since "$t0")s (pid $pid, mongo-java-server $(cached_version), store ${STORE#"$ROOT"/})"
}

cmd_up() {
  local t0 pid
  t0="$(now)"
  cmd_fetch
  find_java
  mkdir -p "$DATA" "$LOGS"

  if pid="$(our_pid)"; then
    printf '%s\n' "$pid" >"$PIDFILE"
    if ping_ok; then
      line "already running and healthy (pid $pid, mongo-java-server $(cached_version))"
      return 0
    fi
    log "server pid $pid is running but not answering yet; waiting"
    wait_ready "$pid" "$t0"
    return 0
  fi
  rm -f "$PIDFILE"

  if port_open; then
    if ping_ok; then
      line "already served by another MongoDB-compatible server (not started by this script); using it"
      return 0
    fi
    die "$HOST:$PORT is in use by something that does not answer a MongoDB ping (set MONGO_URL)"
  fi

  local heap=()
  read -r -a heap <<<"$MONGO_HEAP_OPTS"
  local jvm=(
    "${heap[@]}"
    -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
    -Dorg.slf4j.simpleLogger.showDateTime=true "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ"
    # One line per client connection is noise here; warnings and errors still show.
    -Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire=warn
    -cp "$CLASSES:$LIBS/*" MongoServerMain "$HOST" "$PORT" "$STORE"
  )
  log "starting mongo-java-server $(cached_version) with $JAVA (Java $(java_major "$JAVA")) on $HOST:$PORT"
  printf '==== %s start: %s %s\n' "$(date -Is)" "$JAVA" "${jvm[*]}" >>"$LOGS/mongo.log"
  # New session so the server outlives the calling shell; the child writes its own pid (exec keeps it).
  local launcher=()
  if command -v setsid >/dev/null 2>&1; then launcher=(setsid); fi
  # shellcheck disable=SC2016 # $$ / $0 / $@ are for the inner bash
  "${launcher[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" "$JAVA" "${jvm[@]}" \
    </dev/null >>"$LOGS/mongo.log" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$PIDFILE" ]] && break
    sleep 0.1
  done
  [[ -s "$PIDFILE" ]] || die "server did not start (no pid file)"
  pid="$(tr -dc '0-9' <"$PIDFILE")"
  wait_ready "$pid" "$t0"
}

cmd_down() {
  local pid t0
  if ! pid="$(our_pid)"; then
    rm -f "$PIDFILE"
    if port_open; then
      line "not started by this script (port in use by another process); nothing to stop"
    else
      line "already down"
    fi
    return 0
  fi
  t0="$(now)"
  stop_pid "$pid"
  rm -f "$PIDFILE"
  line "stopped (pid $pid) in $(since "$t0")s"
}

cmd_status() {
  local pid=""
  pid="$(our_pid)" || pid=""
  if [[ -n "$pid" ]]; then
    if ping_ok; then
      line "healthy (pid $pid, mongo-java-server $(cached_version))"
      return 0
    fi
    line "unhealthy (pid $pid running but not answering)"
    return 3
  fi
  if port_open; then
    if ping_ok; then
      line "healthy (not started by this script)"
      return 0
    fi
    line "unhealthy (port open but no MongoDB answer)"
    return 3
  fi
  line "down"
  return 3
}

with_lock() {
  mkdir -p "$DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$DIR/.lock"
    flock -w 300 9 || die "another mongo.sh is busy (lock $DIR/.lock)"
  fi
  "$@"
}

case "${1:-}" in
  fetch) with_lock cmd_fetch ;;
  up) with_lock cmd_up ;;
  down) with_lock cmd_down ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 fetch|up|down|status" >&2
    exit 2
    ;;
esac
