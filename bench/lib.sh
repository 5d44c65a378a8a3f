# Shared by the bench scripts (sourced from the repository root): PostgreSQL defaults, the jar, the app on a
# throwaway database, and the small sums every script prints.
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAR=target/quarkus-app/quarkus-run.jar
if [ -z "${YARDSTICK:-}" ]; then  # beside the repository, or beside the main checkout when this is a git worktree
  YARDSTICK=$(cd .. && pwd)/shared/bench/yardstick.sh
  [ -f "$YARDSTICK" ] || YARDSTICK=$(cd "$(git rev-parse --git-common-dir 2>/dev/null || echo .)/../.." && pwd)/shared/bench/yardstick.sh
fi

need_jar() { [ -f "$JAR" ] || { echo "no $JAR: run ./mvnw -B package -DskipTests first" >&2; exit 2; }; }

# fresh_db NAME: drops and recreates a database (never point it at real data)
fresh_db() { psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" -c "CREATE DATABASE \"$1\"" >/dev/null; }

# start_app PORT DB LOG [NAME=value...]: the jar in the background as in production (C2 included, heap as the
# k8s MaxRAMPercentage gives in 768 MiB), on database DB; its pid in APP_PID. BENCH_JAVA_OPTS adds JVM options.
start_app() {
  local port=$1 db=$2 log=$3; shift 3
  env QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/$db" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
    QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
    QUARKUS_LOG_LEVEL=WARN "$@" \
    java -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$log" 2>&1 &
  APP_PID=$!
}

# wait_ready PORT LOG: until /q/health/ready answers; prints the log and fails if the app died first
wait_ready() {
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { cat "$2" >&2; return 1; }
    sleep 0.5
  done
  echo "the app was not ready within 2 minutes" >&2; return 1
}

# stop_pid PID: SIGTERM and wait until it has gone (also for a process this shell did not start)
stop_pid() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

# wrk_run NAME SECONDS LUA BASE PATH: 5 s of warm-up, then SECONDS measured with WRK_C=16 connections (a request
# slower than WRK_TIMEOUT=2 s is a timeout, not a figure); prints "NAME rps=.. p99_ms=.. non2xx=.." (LUA may be ""
# for a plain GET of PATH)
wrk_run() {
  local name=$1 secs=$2 lua=$3 base=$4 path=$5 out
  local script=(); [ -n "$lua" ] && script=(-s "$lua")
  local c=${WRK_C:-16} timeout=${WRK_TIMEOUT:-2}
  wrk -t2 -c"$c" -d5s --timeout "${timeout}s" "${script[@]}" "$base$path" >/dev/null
  out=$(wrk -t2 -c"$c" -d"${secs}"s --timeout "${timeout}s" --latency "${script[@]}" "$base$path")
  awk -v name="$name" '
    /^Requests\/sec/ {rps = $2}
    $1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms/, "", v)}
                 else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; p99 = v}
    /Non-2xx/ {bad = $NF}
    END {printf "%s rps=%s p99_ms=%s non2xx=%d\n", name, rps, p99, bad}' <<<"$out"
}

field() { sed -n "s/.*$1=\([0-9.NA]*\).*/\1/p" <<<"$2" | head -1; }
ratio() { python3 -c "a,b='$1','$2'; print('NA' if 'NA' in (a+b) or not a or not b or float(b)==0 else '%.2f' % (float(a)/float(b)))"; }
median() { python3 -c "import sys; v=sorted(float(x) for x in sys.argv[1:] if x not in ('NA','')); print('NA' if not v else '%.2f' % v[len(v)//2])" "$@"; }
