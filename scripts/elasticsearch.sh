#!/usr/bin/env bash
# A real single-node Elasticsearch for development and tests, without Docker.
#
#   scripts/elasticsearch.sh start    fetch (Maven Central), unpack, configure, start; prints ES_URL=…
#   scripts/elasticsearch.sh stop     stop the node cleanly and wait for it to exit
#   scripts/elasticsearch.sh status   print whether it runs (exit 0) or not (exit 3)
#
# Environment:
#   ES_VERSION     Elasticsearch version (default 8.19.18, the newest 8.x that runs on Java 17)
#   ES_JAVA_HOME   JDK to run it (default Java 17 for 8.x, Temurin 25 for 9.x)
#   ES_HEAP        heap size for -Xms/-Xmx (default 1g)
#   ES_PORT        first HTTP port to probe (default 9250)
#   ES_USER        system user that runs the node when this script runs as root (default hopscope-es)
#   ES_START_TIMEOUT_S  seconds to wait for yellow health (default 180)
#   ES_HOME        node home (default below); a second node of the same repository needs its own,
#                  e.g. the test that stops its node mid-suite (test-support/own-elasticsearch-node.ts)
#
# It uses the minimal distribution Elastic publishes on Maven Central
# (org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip): the real server
# and launcher, without a bundled JDK and without most modules (no Painless, which hopscope never
# needs). Everything lives in the node home, by default `.data/elasticsearch/<version>/` in this
# repository (git-ignored): the unpacked distribution, its config, data, logs, pid and port files.
#
# Elasticsearch refuses to run as root. Run as root (as CI does), this script creates the system
# user ES_USER and runs the node as that user. When that user cannot reach the repository (a
# clone under /root, which is mode 700), the node home moves to
# /var/tmp/hopscope-es/<hash of the repository path>/<version>/ instead, so several clones never
# share a node.
set -euo pipefail

readonly ES_VERSION="${ES_VERSION:-8.19.18}"
readonly ES_MAJOR="${ES_VERSION%%.*}"
if [[ "$ES_MAJOR" -ge 9 ]]; then
  readonly DEFAULT_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
else
  readonly DEFAULT_JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
ES_JAVA_HOME="${ES_JAVA_HOME:-$DEFAULT_JAVA_HOME}"
readonly ES_HEAP="${ES_HEAP:-1g}"
readonly ES_PORT="${ES_PORT:-9250}"
readonly ES_USER="${ES_USER:-hopscope-es}"
readonly ES_START_TIMEOUT_S="${ES_START_TIMEOUT_S:-180}"
readonly CLUSTER_NAME=hopscope

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
readonly REPO_ROOT
readonly ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
readonly M2_ZIP="${HOME}/.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch/${ES_VERSION}/elasticsearch-${ES_VERSION}.zip"

die() {
  echo "elasticsearch.sh: $*" >&2
  exit 1
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Runs a command as the node's user (root: ES_USER; otherwise the caller).
as_node_user() {
  if is_root; then
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

ensure_user() {
  is_root || return 0
  if ! id -u "$ES_USER" >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
  fi
}

# The node home: inside the repository when the node's user can reach it, else under /var/tmp.
node_home() {
  if [[ -n "${ES_HOME:-}" ]]; then
    echo "$ES_HOME"
    return 0
  fi
  local in_repo="${REPO_ROOT}/.data/elasticsearch/${ES_VERSION}"
  if ! is_root || ! id -u "$ES_USER" >/dev/null 2>&1 || runuser -u "$ES_USER" -- test -x "$REPO_ROOT"; then
    echo "$in_repo"
  else
    local hash
    hash="$(printf '%s' "$REPO_ROOT" | sha1sum | cut -c1-10)"
    echo "/var/tmp/hopscope-es/${hash}/${ES_VERSION}"
  fi
}

# Computed once the user exists (start) or from the same rule (stop/status).
set_paths() {
  HOME_DIR="$(node_home)"
  DIST_DIR="${HOME_DIR}/elasticsearch-${ES_VERSION}"
  DATA_DIR="${HOME_DIR}/data"
  LOGS_DIR="${HOME_DIR}/logs"
  PID_FILE="${HOME_DIR}/elasticsearch.pid"
  PORT_FILE="${HOME_DIR}/http.port"
  LAUNCH_LOG="${LOGS_DIR}/launcher.out"
}

# The pid of our running node, or nothing. Checks the process really is this node's Elasticsearch.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" && -r "/proc/${pid}/cmdline" ]] || return 0
  if tr '\0' ' ' <"/proc/${pid}/cmdline" | grep -q -- "-Des.path.home=${DIST_DIR}"; then
    echo "$pid"
  fi
}

port_in_use() {
  if command -v ss >/dev/null; then
    ss -Htln "sport = :$1" | grep -q .
  else
    # Without iproute2: something accepts connections there.
    (: </dev/tcp/127.0.0.1/"$1") 2>/dev/null
  fi
}

free_port_from() {
  local port="$1"
  local last=$((port + 100))
  while ((port < last)); do
    port_in_use "$port" || { echo "$port"; return 0; }
    port=$((port + 1))
  done
  die "no free port in ${1}..$((last - 1))"
}

print_log_tail() {
  echo "---- end of the node's log ----" >&2
  local log
  for log in "$LAUNCH_LOG" "${LOGS_DIR}/${CLUSTER_NAME}.log"; do
    if [[ -s "$log" ]]; then
      echo "== ${log}" >&2
      tail -n 60 "$log" >&2
    fi
  done
  echo "-------------------------------" >&2
}

fetch_distribution() {
  if [[ ! -f "$M2_ZIP" ]]; then
    command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch ${ARTIFACT}"
    echo "fetching ${ARTIFACT} from Maven Central…" >&2
    mvn -q dependency:get -Dartifact="$ARTIFACT" -Dtransitive=false >&2 || die "mvn dependency:get ${ARTIFACT} failed"
  fi
  [[ -f "$M2_ZIP" ]] || die "expected ${M2_ZIP} after mvn dependency:get"
}

unpack_distribution() {
  [[ -x "${DIST_DIR}/bin/elasticsearch" ]] && return 0
  command -v unzip >/dev/null || die "unzip is needed to unpack ${M2_ZIP}"
  local staging="${HOME_DIR}/.unpack.$$"
  rm -rf "$staging"
  mkdir -p "$staging"
  unzip -q "$M2_ZIP" -d "$staging"
  mv "${staging}/elasticsearch-${ES_VERSION}" "$DIST_DIR"
  rm -rf "$staging"
}

# x-pack security, when the distribution has it, is switched off: a loopback dev node.
write_config() {
  local http_port="$1" transport_port="$2" security=""
  if [[ -d "${DIST_DIR}/modules/x-pack-security" ]]; then
    security="xpack.security.enabled: false"
  fi
  cat >"${DIST_DIR}/config/elasticsearch.yml" <<EOF
# Written by scripts/elasticsearch.sh on every start.
cluster.name: ${CLUSTER_NAME}
node.name: hopscope-dev
discovery.type: single-node
network.host: 127.0.0.1
http.port: ${http_port}
transport.port: ${transport_port}
path.data: ${DATA_DIR}
path.logs: ${LOGS_DIR}
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
${security}
EOF
  mkdir -p "${DIST_DIR}/config/jvm.options.d"
  printf -- '-Xms%s\n-Xmx%s\n' "$ES_HEAP" "$ES_HEAP" >"${DIST_DIR}/config/jvm.options.d/hopscope-heap.options"
}

# Bootstrap checks (vm.max_map_count ≥ 262144 among them) are enforced only when the node binds
# beyond loopback, so a low value does not stop this node; raise it when we may, warn otherwise.
check_max_map_count() {
  local current
  current="$(cat /proc/sys/vm/max_map_count 2>/dev/null || echo 0)"
  ((current >= 262144)) && return 0
  if is_root && sysctl -q -w vm.max_map_count=262144 >/dev/null 2>&1; then
    return 0
  fi
  echo "note: vm.max_map_count is ${current} (< 262144) and cannot be raised here; fine for this loopback node" >&2
}

wait_for_health() {
  local url="$1" deadline=$((SECONDS + ES_START_TIMEOUT_S))
  while ((SECONDS < deadline)); do
    if [[ -z "$(running_pid)" ]]; then
      echo "elasticsearch.sh: the node exited during start-up" >&2
      return 1
    fi
    if curl -fsS -o /dev/null --max-time 10 "${url}/_cluster/health?wait_for_status=yellow&timeout=5s" 2>/dev/null; then
      return 0
    fi
    sleep 1
  done
  echo "elasticsearch.sh: no yellow health after ${ES_START_TIMEOUT_S}s" >&2
  return 1
}

cmd_start() {
  command -v curl >/dev/null || die "curl is needed"
  [[ -x "${ES_JAVA_HOME}/bin/java" ]] || die "no JDK at ES_JAVA_HOME=${ES_JAVA_HOME} (8.x needs Java 17+, 9.x Java 21+)"
  ensure_user
  set_paths
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    echo "already running (pid ${pid}, home ${HOME_DIR})" >&2
    echo "ES_URL=http://127.0.0.1:$(cat "$PORT_FILE")"
    return 0
  fi

  fetch_distribution
  mkdir -p "$HOME_DIR"
  unpack_distribution
  check_max_map_count

  local http_port transport_port
  http_port="$(free_port_from "$ES_PORT")"
  transport_port="$(free_port_from $((http_port + 100)))"
  mkdir -p "$DATA_DIR" "$LOGS_DIR"
  write_config "$http_port" "$transport_port"
  echo "$http_port" >"$PORT_FILE"
  rm -f "$PID_FILE"
  # The node writes its keystore into config/, its data and logs, and the pid file.
  if is_root; then
    chown -R "${ES_USER}:${ES_USER}" "$HOME_DIR"
    # Every directory from / to the home must be traversable by the node's user.
    runuser -u "$ES_USER" -- test -r "${DIST_DIR}/bin/elasticsearch" || die "${ES_USER} cannot read ${DIST_DIR}"
  fi

  local url="http://127.0.0.1:${http_port}"
  echo "starting Elasticsearch ${ES_VERSION} (java: ${ES_JAVA_HOME}, heap ${ES_HEAP}, home ${HOME_DIR})" >&2
  if ! as_node_user env ES_JAVA_HOME="$ES_JAVA_HOME" ES_PATH_CONF="${DIST_DIR}/config" \
    "${DIST_DIR}/bin/elasticsearch" -d -p "$PID_FILE" >"$LAUNCH_LOG" 2>&1; then
    echo "elasticsearch.sh: the launcher failed" >&2
    print_log_tail
    exit 1
  fi
  if ! wait_for_health "$url"; then
    print_log_tail
    cmd_stop >/dev/null 2>&1 || true
    exit 1
  fi
  echo "Elasticsearch ${ES_VERSION} is up" >&2
  echo "ES_URL=${url}"
}

cmd_stop() {
  set_paths
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    echo "not running" >&2
    rm -f "$PID_FILE"
    return 0
  fi
  kill -TERM "$pid"
  local waited=0
  while [[ -e "/proc/${pid}" ]] && ((waited < 60)); do
    sleep 1
    waited=$((waited + 1))
  done
  if [[ -e "/proc/${pid}" ]]; then
    echo "no clean exit after 60s; killing pid ${pid}" >&2
    kill -KILL "$pid" || true
    while [[ -e "/proc/${pid}" ]]; do sleep 0.2; done
  fi
  rm -f "$PID_FILE"
  echo "stopped (pid ${pid})" >&2
}

cmd_status() {
  set_paths
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    echo "not running (home ${HOME_DIR})"
    return 3
  fi
  local url
  url="http://127.0.0.1:$(cat "$PORT_FILE")"
  local health
  health="$(curl -fsS --max-time 5 "${url}/_cluster/health" 2>/dev/null || echo '{"status":"unreachable"}')"
  echo "running (pid ${pid}, home ${HOME_DIR}): ${health}"
  echo "ES_URL=${url}"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
