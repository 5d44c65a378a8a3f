#!/bin/bash
# One benchmark command: every figure of issue 14 as a ratio to ../shared/bench/yardstick.sh measured in the same
# run, ending with a table (figure, value, yardstick, ratio, aim, met). Loopback and 127.0.0.1:5432 only.
#
# usage: bench/all.sh                 (about 12 minutes with the defaults, plus the jar build when it is stale)
# env:   T=15        seconds of each measured run (app and yardstick alike)
#        ROUNDS=3    redemption rounds (app, then yardstick), medians quoted
#        WARMUP=45   seconds of redemptions before the first measured round (C2 compiles the hot path)
#        BUILD=auto  auto: ./mvnw package when the jar is missing or older than src/main or pom.xml; 1 always; 0 never
#        PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres [PGPASSWORD], YARDSTICK (see bench/lib.sh)
# needs: a JDK 17+, PostgreSQL's psql and pgbench, wrk (installed by apt-get when missing and run as root), curl,
#        python3. The databases jifen_bench, jifen_bench_portal, yardstick_shop and yardstick_portal are dropped
#        and recreated: never point this at real data.
#
# Steps: bench/redeem.sh (rounds of 1,000 and 10 hot households against the yardstick's redeem and hot10), which
# runs bench/loaded.sh on its loaded app (open-loop latency at half the redemption rate against the yardstick's
# redemption at the same rate, the notice page, poster and card sheet PDFs, RSS, restart to the first redemption);
# then bench/portal.sh with the portal cache on and off (portal `me` and home page against the yardstick's balance).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
export T=${T:-15} ROUNDS=${ROUNDS:-3} WARMUP=${WARMUP:-45}
started=$(date +%s)
echo "bench/all.sh $(date -u '+%Y-%m-%d %H:%M UTC') T=$T ROUNDS=$ROUNDS WARMUP=$WARMUP on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

for tool in java psql pgbench curl python3; do
  command -v $tool >/dev/null || { echo "bench/all.sh needs $tool (see README, Benchmark)" >&2; exit 2; }
done
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || { echo "bench/all.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
  apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi
[ -f "$YARDSTICK" ] || { echo "no yardstick at $YARDSTICK (set YARDSTICK)" >&2; exit 2; }

case ${BUILD:-auto} in
  1) build=1 ;;
  0) build= ;;
  *) build=; { [ ! -f "$JAR" ] || [ -n "$(find src/main pom.xml -newer "$JAR" -print -quit)" ]; } && build=1 ;;
esac
if [ -n "$build" ]; then
  echo "building the jar (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
need_jar

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo; echo "== redemption (bench/redeem.sh $T), then bench/loaded.sh on the loaded app"
BENCH_THEN=bench/loaded.sh bash bench/redeem.sh "$T" | tee "$work/redeem"
echo; echo "== portal, cache on (bench/portal.sh)"
BENCH_SECONDS=$T bash bench/portal.sh | tee "$work/portal-on"
echo; echo "== portal, cache off (JIFEN_PORTAL_CACHE_SECONDS=0 bench/portal.sh)"
JIFEN_PORTAL_CACHE_SECONDS=0 BENCH_SECONDS=$T bash bench/portal.sh | tee "$work/portal-off"

# The table: one row per figure, "name|value|yardstick|ratio|aim" (aim: >=R or <=R on the ratio, <=V unit on the value)
line() { grep -m1 "^$1" "$work/$2" || true; }
int() { [ -n "$1" ] && [ "$1" != NA ] && printf '%.0f' "$1" || echo NA; }
column() { sed -n "s/^$1.*$2=\([0-9.NA]*\).*/\1/p" "$work/$3"; }
redeem_row() { # label, app line prefix, yardstick name, median label, aim
  local rps ys
  rps=$(median $(column "$2" rps redeem)); ys=$(median $(column "  yardstick $3" tps redeem))
  echo "$1|$(int "$rps") rps|$3 $(int "$ys") tps|$(sed -n "s/^median ratio.* $4=\([0-9.NA]*\).*/\1/p" "$work/redeem")|$5"
}
portal_row() { # label, file, name, aim
  local l y; l=$(line "$3 " "$2"); y=$(line "yardstick balance" "$2")
  echo "$1|$(int "$(field rps "$l")") rps, p99 $(field p99_ms "$l") ms|balance $(int "$(field tps "$y")") tps|$(ratio "$(field rps "$l")" "$(field tps "$y")")|$4"
}
ol=$(line openloop redeem); yol=$(line "yardstick openloop" redeem)
latency_row() { # label, key, aim
  echo "$1|$(field "$2" "$ol") ms|redeem at the same rate $(field "$2" "$yol") ms|$(ratio "$(field "$2" "$ol")" "$(field "$2" "$yol")")|$3"
}
pdf_row() { # label, name
  local l; l=$(line "$2 " redeem)
  echo "$1|$(int "$(field ms "$l")") ms ($(field pages "$l") pages, $(field kb "$l") KB; again $(int "$(field ms "$(line "$2-again " redeem)")") ms)|-|-|-"
}
notice=$(line "notice " redeem); balance_on=$(line "yardstick balance" portal-on)
{
  redeem_row "redemption, 1,000 households" "redeem 1000 households: app" redeem "1000 households" ">=0.7"
  redeem_row "redemption, 10 hot households" "redeem hot10 households: app" hot10 hot10 ">=0.7"
  latency_row "open loop at $(field rate "$ol")/s (half), p50" p50_ms "-"
  latency_row "open loop at $(field rate "$ol")/s (half), p99" p99_ms "<=50 ms"
  latency_row "open loop at $(field rate "$ol")/s (half), p99.9" p999_ms "-"
  portal_row "portal me, cache on" portal-on me "-"
  portal_row "portal me, cache off" portal-off me ">=0.5"
  portal_row "home page, cache on" portal-on home ">=1.2"
  portal_row "home page, cache off" portal-off home "-"
  echo "notice page, 1,000 households|$(int "$(field rps "$notice")") rps, p99 $(field p99_ms "$notice") ms|balance $(int "$(field tps "$balance_on")") tps (cache-on run)|$(ratio "$(field rps "$notice")" "$(field tps "$balance_on")")|-"
  echo "java -jar to first redemption|$(field seconds "$(line "first redemption" redeem)") s|-|-|-"
  rss=$(line "rss before the PDFs" redeem)
  echo "RSS after load, before the PDFs|$(field VmRSS_mb "$rss") MB (peak $(field VmHWM_mb "$rss") MB)|-|-|<=300 MB"
  rss=$(line "rss after load" redeem)
  echo "RSS after load and the PDFs|$(field VmRSS_mb "$rss") MB (peak $(field VmHWM_mb "$rss") MB)|-|-|<=300 MB"
  pdf_row "card sheet PDF, 1,000 households" card-sheet
  pdf_row "poster PDF A4, 1,000 households (first)" poster-a4
} >"$work/rows"

echo; echo "== all figures ($(date -u '+%Y-%m-%d %H:%M UTC'), $(( ($(date +%s) - started) / 60 )) min, load $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$work/rows" <<'PY'
import re, sys
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[1]) if l.strip()]
def met(value, ratio, aim):
    m = re.match(r"([<>]=)([0-9.]+)( \w+)?$", aim)
    if not m:
        return "-"
    x = value if m.group(3) else ratio
    x = re.match(r"[0-9.]+", x)
    if not x:
        return "NA"
    a, b = float(x.group(0)), float(m.group(2))
    return "met" if (a >= b if m.group(1) == ">=" else a <= b) else "NOT MET"
table = [["figure", "value", "yardstick", "ratio", "aim", "met"]] + [r + [met(r[1], r[3], r[4])] for r in rows]
width = [max(len(r[i]) for r in table) for i in range(6)]
for n, r in enumerate(table):
    print("  ".join(c.ljust(w) for c, w in zip(r, width)).rstrip())
    if n == 0:
        print("  ".join("-" * w for w in width))
PY
