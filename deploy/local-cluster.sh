#!/usr/bin/env bash
# A whole GymAutomation cluster on this machine's loopback, for trying it, the tests and the benchmarks: its own
# PostgreSQL (Debian's postgresql package, a cluster made with initdb) and Redis, two app instances and nginx in
# front of them with deploy/nginx's settings. Everything it makes lives under one folder, which `down` deletes.
#
#   deploy/local-cluster.sh up        starts what is not running yet; waits until both instances answer through nginx
#   deploy/local-cluster.sh status    says what runs
#   deploy/local-cluster.sh down      stops everything and deletes the folder
#
# Settings (environment variables):
#   GYM_CLUSTER_DIR            the folder (default /tmp/gym-cluster)
#   GYM_CLUSTER_HTTP_PORT      nginx, the address to open (default 8480)
#   GYM_CLUSTER_APP_PORTS      the two instances (default "5481 5482")
#   GYM_CLUSTER_PG_PORT        PostgreSQL (default 5483)
#   GYM_CLUSTER_REDIS_PORT     Redis (default 5484)
#   GYM_CLUSTER_DEMO           seed the demo gym on the first run (default true)
#   GYM_CLUSTER_CONFIGURATION  which build to run (default Release; built when missing)
#   GYM_CLUSTER_APP_DLL        run this GymAutomation.Web.dll instead (the tests run their own build)
#   GYM_CLUSTER_SETTINGS       a file of more settings for both instances, one NAME=value a line, as systemd's
#                              EnvironmentFile (Email__Smtp__Port=2525; names may hold '-', as job names do)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${GYM_CLUSTER_DIR:-/tmp/gym-cluster}"
http_port="${GYM_CLUSTER_HTTP_PORT:-8480}"
read -r -a app_ports <<<"${GYM_CLUSTER_APP_PORTS:-5481 5482}"
pg_port="${GYM_CLUSTER_PG_PORT:-5483}"
redis_port="${GYM_CLUSTER_REDIS_PORT:-5484}"
configuration="${GYM_CLUSTER_CONFIGURATION:-Release}"
app_dll="${GYM_CLUSTER_APP_DLL:-$repo/GymAutomation.Web/bin/$configuration/net10.0/GymAutomation.Web.dll}"
marker="$dir/.gym-local-cluster"
pg_data="$dir/postgres/data"
connection="Host=127.0.0.1;Port=$pg_port;Database=gym;Username=gym;Password=gym"

if [ ${#app_ports[@]} -ne 2 ]; then
  echo "GYM_CLUSTER_APP_PORTS needs two ports, such as \"5481 5482\"." >&2
  exit 2
fi

say() { echo "local cluster: $*"; }

fail() {
  echo "local cluster: $*" >&2
  exit 1
}

# PostgreSQL refuses to run as root: as root its programs run as the postgres user of Debian's package.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$found" ]; then
    echo "$found"
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  else
    fail "PostgreSQL is not installed (apt-get install postgresql)."
  fi
}

# A process runs (a zombie waiting to be reaped does not count).
running() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [ "${stat:0:1}" != Z ]
}

# The process named by a pid file runs.
alive() { [ -f "$1" ] && running "$(head -n 1 "$1")"; }

# "STATUS INSTANCE" of a GET through a loopback port, sending an affinity cookie; "000 -" when nothing answers.
probe() {
  python3 - "$1" "$2" <<'PY'
import sys, urllib.request, urllib.error
request = urllib.request.Request(sys.argv[1], headers={"Cookie": "gym_affinity=" + sys.argv[2]})
try:
    with urllib.request.urlopen(request, timeout=5) as answer:
        print(answer.status, answer.headers.get("X-Gym-Instance", "-"))
except urllib.error.HTTPError as error:
    print(error.code, error.headers.get("X-Gym-Instance", "-"))
except Exception:
    print("000 -")
PY
}

start_postgres() {
  local bin
  bin="$(pg_bin)"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || fail "There is no postgres user: install Debian's postgresql package."
  fi
  if as_postgres "$bin/pg_ctl" status -D "$pg_data" >/dev/null 2>&1; then
    return
  fi
  local fresh=false
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    mkdir -p "$dir/postgres"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir/postgres"
    # The superuser only over this folder's socket; the app signs in over TCP as gym, with its password.
    as_postgres "$bin/initdb" -D "$pg_data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dir/postgres/initdb.log"
    fresh=true
  fi
  as_postgres "$bin/pg_ctl" start -w -t 60 -D "$pg_data" -l "$dir/postgres/postgres.log" \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$dir/postgres" >/dev/null </dev/null
  if $fresh; then
    as_postgres "$bin/psql" -q -h "$dir/postgres" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE gym LOGIN PASSWORD 'gym'" -c "CREATE DATABASE gym OWNER gym" </dev/null
  fi
  say "PostgreSQL on 127.0.0.1:$pg_port (database gym, user gym, password gym)"
}

start_redis() {
  if alive "$dir/redis/redis.pid"; then
    return
  fi
  command -v redis-server >/dev/null 2>&1 || fail "Redis is not installed (apt-get install redis-server)."
  mkdir -p "$dir/redis"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
    --dir "$dir/redis" --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log" </dev/null
  for _ in $(seq 100); do
    alive "$dir/redis/redis.pid" && break
    sleep 0.1
  done
  alive "$dir/redis/redis.pid" || fail "Redis did not start: $dir/redis/redis.log"
  say "Redis on 127.0.0.1:$redis_port"
}

ensure_build() {
  if [ -f "$app_dll" ]; then
    return
  fi
  [ -z "${GYM_CLUSTER_APP_DLL:-}" ] || fail "GYM_CLUSTER_APP_DLL is $app_dll, which does not exist."
  say "building the app ($configuration)"
  dotnet build "$repo/GymAutomation.Web" -c "$configuration" -v quiet -nologo >"$dir/build.log" 2>&1 \
    || fail "the build failed: $dir/build.log"
}

# The settings every instance gets, then GYM_CLUSTER_SETTINGS's, which win.
app_settings() {
  printf '%s\n' \
    "ASPNETCORE_ENVIRONMENT=Production" \
    "Database__Provider=Postgres" \
    "ConnectionStrings__Gym=$connection" \
    "ConnectionStrings__Redis=127.0.0.1:$redis_port" \
    "Gym__PublicUrl=http://127.0.0.1:$http_port" \
    "Demo__SeedOnFirstRun=${GYM_CLUSTER_DEMO:-true}"
  if [ -n "${GYM_CLUSTER_SETTINGS:-}" ]; then
    grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$GYM_CLUSTER_SETTINGS" || true
  fi
}

# One instance: the built app as an operator runs it, from a folder of its own (its content root: App_Data, logs),
# in a session of its own so it outlives this script.
start_app() {
  local number="$1" port="$2" home="$dir/app$1"
  if alive "$home/app.pid"; then
    return
  fi
  mkdir -p "$home"
  local settings=()
  mapfile -t settings < <(app_settings)
  (cd "$home" && exec setsid env "${settings[@]}" dotnet "$app_dll" --urls "http://127.0.0.1:$port" \
    </dev/null >>"$home/app.log" 2>&1) &
  echo $! >"$home/app.pid"
  for _ in $(seq 600); do
    alive "$home/app.pid" || fail "instance $number stopped at start-up: $(tail -n 30 "$home/app.log")"
    [ "$(probe "http://127.0.0.1:$port/health" "-" | cut -d' ' -f1)" = 200 ] && break
    sleep 0.2
  done
  [ "$(probe "http://127.0.0.1:$port/health" "-" | cut -d' ' -f1)" = 200 ] || fail "instance $number does not answer: $home/app.log"
  say "instance $number on 127.0.0.1:$port (pid $(cat "$home/app.pid"), log $home/app.log)"
}

# deploy/nginx's affinity and locations as they are; the upstream lists the two instances. The local server also
# names the instance that answered (X-Gym-Instance), so `up` and the tests can tell the two apart.
write_nginx_conf() {
  mkdir -p "$dir/nginx/logs"
  cat >"$dir/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/logs/error.log warn;
events {
    worker_connections 1024;
}
http {
    access_log $dir/nginx/logs/access.log;
    client_body_temp_path $dir/nginx/client_body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;

    include $repo/deploy/nginx/affinity.conf;

    upstream gymautomation {
        hash \$gym_affinity consistent;
        server 127.0.0.1:${app_ports[0]} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:${app_ports[1]} max_fails=1 fail_timeout=10s;
        keepalive 32;
    }

    server {
        listen 127.0.0.1:$http_port;
        add_header X-Gym-Instance \$upstream_addr always;
        include $repo/deploy/nginx/locations.conf;
    }
}
EOF
}

start_nginx() {
  if alive "$dir/nginx/nginx.pid"; then
    return
  fi
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || fail "nginx is not installed (apt-get install nginx)."
  write_nginx_conf
  PATH="$PATH:/usr/sbin" nginx -e "$dir/nginx/logs/error.log" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" \
    </dev/null >>"$dir/nginx/logs/error.log" 2>&1 || fail "nginx did not start: $(tail -n 20 "$dir/nginx/logs/error.log")"
  for _ in $(seq 50); do
    alive "$dir/nginx/nginx.pid" && break
    sleep 0.1
  done
  say "nginx on 127.0.0.1:$http_port"
}

# Both instances answer /health through nginx: affinity cookies are tried until each instance has answered one.
wait_through_nginx() {
  local seen=() answer status instance
  for attempt in $(seq 200); do
    answer="$(probe "http://127.0.0.1:$http_port/health" "probe-$attempt")"
    status="${answer%% *}"
    instance="${answer#* }"
    if [ "$status" = 200 ] && [[ " ${seen[*]} " != *" $instance "* ]]; then
      seen+=("$instance")
    fi
    [ ${#seen[@]} -ge 2 ] && return
    [ "$status" = 200 ] || sleep 0.2
  done
  fail "through nginx only ${seen[*]:-no instance} answered /health."
}

up() {
  mkdir -p "$dir"
  touch "$marker"
  chmod 755 "$dir"
  ensure_build
  start_postgres
  start_redis
  # One after the other: the first brings a new database up to date (migrations, the start-up tasks: the first
  # admin, the demo gym) before the second starts, so the two never race for that work.
  start_app 1 "${app_ports[0]}"
  start_app 2 "${app_ports[1]}"
  start_nginx
  wait_through_nginx
  say "up: http://127.0.0.1:$http_port"
}

stop_pid_file() {
  local file="$1" name="$2"
  if ! alive "$file"; then
    rm -f "$file"
    return
  fi
  local pid
  pid="$(cat "$file")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 300); do
    running "$pid" || break
    sleep 0.1
  done
  if running "$pid"; then
    say "$name did not stop within 30 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
  say "stopped $name"
}

down() {
  if [ ! -d "$dir" ]; then
    say "nothing at $dir"
    return
  fi
  [ -f "$marker" ] || fail "$dir was not made by this script: not touching it."
  stop_pid_file "$dir/nginx/nginx.pid" nginx
  stop_pid_file "$dir/app1/app.pid" "instance 1"
  stop_pid_file "$dir/app2/app.pid" "instance 2"
  stop_pid_file "$dir/redis/redis.pid" Redis
  if [ -f "$pg_data/PG_VERSION" ] && as_postgres "$(pg_bin)/pg_ctl" status -D "$pg_data" >/dev/null 2>&1; then
    as_postgres "$(pg_bin)/pg_ctl" stop -w -m fast -D "$pg_data" >/dev/null
    say "stopped PostgreSQL"
  fi
  rm -rf "$dir"
  say "down; $dir deleted"
}

status() {
  local running=0
  report() {
    local state=stopped
    if [ -n "$3" ] && running "$3"; then
      state="running (pid $3)"
      running=$((running + 1))
    fi
    printf '%-12s %-28s %s\n' "$1" "$2" "$state"
  }
  pid_in() { [ -f "$1" ] && head -n 1 "$1" || true; }
  report PostgreSQL "127.0.0.1:$pg_port" "$(pid_in "$pg_data/postmaster.pid")"
  report Redis "127.0.0.1:$redis_port" "$(pid_in "$dir/redis/redis.pid")"
  report "instance 1" "127.0.0.1:${app_ports[0]}" "$(pid_in "$dir/app1/app.pid")"
  report "instance 2" "127.0.0.1:${app_ports[1]}" "$(pid_in "$dir/app2/app.pid")"
  report nginx "http://127.0.0.1:$http_port" "$(pid_in "$dir/nginx/nginx.pid")"
  echo "$running of 5 running; data in $dir"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *)
    echo "Usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
