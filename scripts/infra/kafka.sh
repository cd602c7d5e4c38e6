#!/usr/bin/env bash
# Local dev Apache Kafka: one KRaft node (broker + controller) on loopback, assembled
# from the official Apache Kafka jars on Maven Central (deploy/kafka/pom.xml) and
# started with the machine's JDK (17+). No Docker, no binary tarball.
#
#   scripts/infra/kafka.sh fetch    resolve the broker jars into .cache/kafka/libs (once per version)
#   scripts/infra/kafka.sh up       fetch + format storage (once) + start + wait until healthy
#   scripts/infra/kafka.sh down     stop gracefully (SIGTERM, 30 s, then SIGKILL)
#   scripts/infra/kafka.sh status   one line; exit 0 if healthy, 3 otherwise
#
# Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_HEAP_OPTS (-Xms256m -Xmx768m),
#      KAFKA_OPTS (extra JVM flags), KAFKA_UP_TIMEOUT (90 s), JAVA_HOME.
# Cache (git-ignored): .cache/kafka/{libs,data,logs,kafka.pid,cluster.id,server.properties}
# See docs/decisions/0003-kafka-from-maven-central.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
DEPLOY="$ROOT/deploy/kafka"
POM="$DEPLOY/pom.xml"
CACHE="$ROOT/.cache/kafka"
LIBS="$CACHE/libs"
DATA="$CACHE/data"
LOGS="$CACHE/logs"
PIDFILE="$CACHE/kafka.pid"
STAMP="$LIBS/.stamp"
CLUSTER_ID_FILE="$CACHE/cluster.id"
RENDERED="$CACHE/server.properties"
TOOLS_CONFIG="$CACHE/tools.properties"

HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
KAFKA_OPTS="${KAFKA_OPTS:-}"
KAFKA_UP_TIMEOUT="${KAFKA_UP_TIMEOUT:-90}"
STOP_TIMEOUT=30

JAVA=""
HEALTH_MODE=""
HEALTH_CLUSTER_ID=""

log() { printf 'kafka: %s\n' "$*" >&2; }
die() { printf 'kafka: ERROR: %s\n' "$*" >&2; exit 1; }
line() { printf '%-10s %-16s %s\n' kafka "$HOST:$KAFKA_PORT" "$*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

[[ "$KAFKA_PORT" =~ ^[0-9]+$ ]] || die "KAFKA_PORT must be a number (got '$KAFKA_PORT')"
[[ "$KAFKA_CONTROLLER_PORT" =~ ^[0-9]+$ ]] || die "KAFKA_CONTROLLER_PORT must be a number (got '$KAFKA_CONTROLLER_PORT')"
[[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"

# ---------------------------------------------------------------- version / fetch

# The Kafka version is pinned once, as <kafka.version> in deploy/kafka/pom.xml.
pinned_version() {
  local v
  v="$(sed -n 's:.*<kafka\.version>\([^<]*\)</kafka\.version>.*:\1:p' "$POM" | head -n 1)"
  [[ -n "$v" ]] || die "no <kafka.version> property in $POM"
  printf '%s\n' "$v"
}

expected_stamp() {
  printf 'kafka.version=%s\npom.sha256=%s\n' "$(pinned_version)" "$(sha256sum "$POM" | cut -d' ' -f1)"
}

# Version of the jars currently in the cache (empty if none).
cached_version() {
  if [[ -f "$STAMP" ]]; then sed -n 's/^kafka\.version=//p' "$STAMP" | head -n 1; fi
}

libs_current() {
  [[ -f "$STAMP" ]] && [[ "$(cat "$STAMP")" == "$(expected_stamp)" ]]
}

cmd_fetch() {
  local version tmp
  version="$(pinned_version)"
  if libs_current; then
    return 0
  fi
  if our_pid >/dev/null; then
    die "the cached jars do not match $POM but the broker is running; run '$0 down' first"
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn (Apache Maven) is required to resolve the Kafka jars"
  mkdir -p "$CACHE"
  tmp="$CACHE/libs.tmp.$$"
  rm -rf "$tmp"
  log "resolving Apache Kafka $version jars from Maven Central (mvn) ..."
  local t0 out
  t0="$(now)"
  # Output is kept for failures only (Maven 3.8 prints stray ANSI resets even with -q).
  if ! out="$(mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
        -DoutputDirectory="$tmp" -DincludeScope=runtime 2>&1)"; then
    printf '%s\n' "$out" >&2
    rm -rf "$tmp"
    die "mvn dependency:copy-dependencies failed"
  fi
  if [[ ! -f "$tmp/kafka_2.13-$version.jar" ]]; then
    rm -rf "$tmp"
    die "resolution did not produce kafka_2.13-$version.jar"
  fi
  expected_stamp >"$tmp/.stamp"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  log "resolved $(find "$LIBS" -name '*.jar' | wc -l) jars into ${LIBS#"$ROOT"/} in $(since "$t0")s"
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
    log "skipping $c (Java ${m:-?}; Kafka needs 17+)"
  done
  die "no Java 17+ found: set JAVA_HOME or put a JDK 17+ on PATH"
}

# Run a Kafka CLI class (small heap, fast start); output on stdout+stderr.
kafka_tool() {
  find_java
  timeout 60 "$JAVA" -Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Djava.awt.headless=true -cp "$LIBS/*" "$@" 2>&1
}

# ---------------------------------------------------------------- process / health

is_our_broker() {
  local cmd
  cmd="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)" || return 1
  [[ "$cmd" == *" kafka.Kafka "* && "$cmd" == *"$RENDERED"* ]]
}

# Prints the pid of the broker started by this script (pid file, or a broker using
# this checkout's rendered config whose pid file got lost); fails if none.
our_pid() {
  local pid d
  if [[ -f "$PIDFILE" ]]; then
    pid="$(tr -dc '0-9' <"$PIDFILE")"
    if [[ -n "$pid" ]] && is_our_broker "$pid"; then
      printf '%s\n' "$pid"
      return 0
    fi
  fi
  while IFS= read -r d; do
    pid="${d#/proc/}"
    pid="${pid%/cmdline}"
    if is_our_broker "$pid"; then
      printf '%s\n' "$pid"
      return 0
    fi
  done < <(grep -laF -- "$RENDERED" /proc/[0-9]*/cmdline 2>/dev/null || true)
  return 1
}

port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

write_tools_config() {
  mkdir -p "$CACHE"
  cat >"$TOOLS_CONFIG" <<'EOF'
# Admin client settings for the health checks of scripts/infra/kafka.sh
request.timeout.ms=5000
default.api.timeout.ms=10000
retry.backoff.ms=200
reconnect.backoff.max.ms=1000
EOF
}

# Real API check through the broker listener: DescribeQuorum must return a leader.
# Sets HEALTH_MODE=KRaft and HEALTH_CLUSTER_ID.
healthy_kraft() {
  local out leader
  port_open "$KAFKA_PORT" || return 1
  [[ -f "$TOOLS_CONFIG" ]] || write_tools_config
  out="$(kafka_tool org.apache.kafka.tools.MetadataQuorumCommand \
    --bootstrap-server "$HOST:$KAFKA_PORT" --command-config "$TOOLS_CONFIG" describe --status)" || return 1
  leader="$(awk '$1 == "LeaderId:" { print $2; exit }' <<<"$out")"
  [[ "$leader" =~ ^[0-9]+$ ]] || return 1
  HEALTH_MODE=KRaft
  HEALTH_CLUSTER_ID="$(awk '$1 == "ClusterId:" { print $2; exit }' <<<"$out")"
}

# Any Kafka answering ApiVersions (used for a broker not started by this script).
healthy_any() {
  healthy_kraft && return 0
  port_open "$KAFKA_PORT" || return 1
  local out
  out="$(kafka_tool org.apache.kafka.tools.BrokerApiVersionsCommand \
    --bootstrap-server "$HOST:$KAFKA_PORT" --command-config "$TOOLS_CONFIG")" || return 1
  [[ "$out" == *"->"* ]] || return 1
  HEALTH_MODE="mode unknown"
}

print_log_tail() {
  local f
  for f in "$LOGS/server.log" "$LOGS/controller.log" "$LOGS/kafka.out"; do
    if [[ -s "$f" ]]; then
      printf -- '----- tail %s -----\n' "${f#"$ROOT"/}" >&2
      tail -n 40 "$f" >&2
    fi
  done
}

stop_pid() {
  local pid="$1" waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && is_our_broker "$pid"; do
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

# ---------------------------------------------------------------- storage

render_config() {
  mkdir -p "$CACHE" "$DATA" "$LOGS"
  {
    printf '# GENERATED by scripts/infra/kafka.sh from deploy/kafka/server.properties: do not edit.\n'
    K_PORT="$KAFKA_PORT" C_PORT="$KAFKA_CONTROLLER_PORT" K_DATA="$DATA" awk '
      /^[[:space:]]*#/ { print; next }
      /^log\.dirs=/    { print "log.dirs=" ENVIRON["K_DATA"]; next }
      { gsub(/127\.0\.0\.1:9092/, "127.0.0.1:" ENVIRON["K_PORT"])
        gsub(/127\.0\.0\.1:9093/, "127.0.0.1:" ENVIRON["C_PORT"])
        print }' "$DEPLOY/server.properties"
  } >"$RENDERED.tmp"
  mv "$RENDERED.tmp" "$RENDERED"
  write_tools_config
}

# Format the KRaft storage once; the cluster id is generated once and kept in the cache.
format_storage() {
  local cid out
  if [[ -f "$DATA/meta.properties" ]]; then
    cid="$(sed -n 's/^cluster\.id=//p' "$DATA/meta.properties")"
    [[ -f "$CLUSTER_ID_FILE" ]] || printf '%s\n' "$cid" >"$CLUSTER_ID_FILE"
    return 0
  fi
  if [[ -s "$CLUSTER_ID_FILE" ]]; then
    cid="$(tr -d '[:space:]' <"$CLUSTER_ID_FILE")"
  else
    cid="$(kafka_tool kafka.tools.StorageTool random-uuid | tail -n 1 | tr -d '[:space:]')"
    [[ "$cid" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "could not generate a cluster id (got '$cid')"
    printf '%s\n' "$cid" >"$CLUSTER_ID_FILE"
  fi
  log "formatting KRaft storage ${DATA#"$ROOT"/} (cluster id $cid)"
  if ! out="$(kafka_tool kafka.tools.StorageTool format -t "$cid" -c "$RENDERED" --ignore-formatted)"; then
    printf '%s\n' "$out" >&2
    die "kafka-storage format failed"
  fi
}

# ---------------------------------------------------------------- commands

wait_ready() {
  local pid="$1" t0="$2" deadline=$((SECONDS + KAFKA_UP_TIMEOUT))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PIDFILE"
      print_log_tail
      die "broker process $pid exited during start-up"
    fi
    if healthy_kraft; then
      break
    fi
    if ((SECONDS >= deadline)); then
      print_log_tail
      log "not healthy after ${KAFKA_UP_TIMEOUT}s; stopping pid $pid"
      stop_pid "$pid"
      rm -f "$PIDFILE"
      die "broker did not become ready on $HOST:$KAFKA_PORT within ${KAFKA_UP_TIMEOUT}s"
    fi
    sleep 1
  done
  line "up in $(since "$t0")s (pid $pid, KRaft, $(cached_version), cluster $HEALTH_CLUSTER_ID)"
}

cmd_up() {
  local t0 pid
  t0="$(now)"
  cmd_fetch
  find_java
  mkdir -p "$CACHE" "$DATA" "$LOGS"

  if pid="$(our_pid)"; then
    printf '%s\n' "$pid" >"$PIDFILE"
    if healthy_kraft; then
      line "already running and healthy (pid $pid, KRaft, $(cached_version))"
      return 0
    fi
    log "broker pid $pid is running but not answering yet; waiting"
    wait_ready "$pid" "$t0"
    return 0
  fi
  rm -f "$PIDFILE"

  if port_open "$KAFKA_PORT"; then
    [[ -f "$TOOLS_CONFIG" ]] || write_tools_config
    if healthy_any; then
      line "already served by another healthy Kafka (not started by this script, $HEALTH_MODE); using it"
      return 0
    fi
    die "$HOST:$KAFKA_PORT is in use by something that is not a healthy Kafka"
  fi
  if port_open "$KAFKA_CONTROLLER_PORT"; then
    die "controller port $HOST:$KAFKA_CONTROLLER_PORT is already in use (set KAFKA_CONTROLLER_PORT)"
  fi

  render_config
  format_storage

  local heap=() extra=()
  read -r -a heap <<<"$KAFKA_HEAP_OPTS"
  read -r -a extra <<<"$KAFKA_OPTS"
  # Same JVM flags as bin/kafka-server-start.sh minus GC logging (off for a dev box).
  local jvm=(
    "${heap[@]}"
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
    "-Dkafka.logs.dir=$LOGS" "-Dlog4j2.configurationFile=$DEPLOY/log4j2.yaml"
    "${extra[@]}"
    -cp "$LIBS/*" kafka.Kafka "$RENDERED"
  )
  log "starting Kafka $(cached_version) with $JAVA (Java $(java_major "$JAVA")) on $HOST:$KAFKA_PORT (controller $HOST:$KAFKA_CONTROLLER_PORT)"
  printf '==== %s start: %s %s\n' "$(date -Is)" "$JAVA" "${jvm[*]}" >>"$LOGS/kafka.out"
  # New session so the broker outlives the calling shell / terminal; the child writes
  # its own pid (exec keeps it) so the pid file is right even if setsid has to fork.
  local launcher=()
  if command -v setsid >/dev/null 2>&1; then launcher=(setsid); fi
  rm -f "$PIDFILE"
  # shellcheck disable=SC2016 # $$ / $0 / $@ are for the inner bash
  "${launcher[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" "$JAVA" "${jvm[@]}" \
    </dev/null >>"$LOGS/kafka.out" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$PIDFILE" ]] && break
    sleep 0.1
  done
  [[ -s "$PIDFILE" ]] || die "broker did not start (no pid file)"
  pid="$(tr -dc '0-9' <"$PIDFILE")"
  wait_ready "$pid" "$t0"
}

cmd_down() {
  local pid t0
  if ! pid="$(our_pid)"; then
    rm -f "$PIDFILE"
    if port_open "$KAFKA_PORT"; then
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
  find_java
  pid="$(our_pid)" || pid=""
  if [[ ! -f "$STAMP" ]]; then
    if port_open "$KAFKA_PORT"; then
      line "port open, not verified (jars not fetched: run '$0 fetch')"
    else
      line "down"
    fi
    return 3
  fi
  if [[ -n "$pid" ]]; then
    if healthy_kraft; then
      line "healthy (pid $pid, $HEALTH_MODE, $(cached_version))"
      return 0
    fi
    line "unhealthy (pid $pid running but not answering)"
    return 3
  fi
  if port_open "$KAFKA_PORT"; then
    if healthy_any; then
      line "healthy (not started by this script, $HEALTH_MODE)"
      return 0
    fi
    line "unhealthy (port open but no Kafka API answer)"
    return 3
  fi
  line "down"
  return 3
}

with_lock() {
  mkdir -p "$CACHE"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$CACHE/.lock"
    flock -w 300 9 || die "another kafka.sh is busy (lock $CACHE/.lock)"
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
