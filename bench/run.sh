#!/usr/bin/env bash
# The GroupChat2 benchmark: installs the driver's one dependency, builds the server jar when it
# is missing or older than its sources, then runs every scenario and prints the table.
#   bench/run.sh            full size (several minutes)
#   bench/run.sh --quick    every scenario at a small size, under a minute (smoke check)
#   bench/run.sh --cluster  the fan-out on two servers sharing one PostgreSQL (BENCH_POSTGRES_URL), next to SQLite
#   bench/run.sh --soak [minutes] [--soak-rate N]   the fan-out at one rate (default 1000/s) for
#                           10 minutes (or as given), with p99 and the WAL's size every minute
# Other options go to bench.js (--jfr, --only fanout,idle,history,ai,startup, --users N ...).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$here"
if [ ! -d node_modules/ws ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
jar="$root/target/groupchat2.jar"
if [ ! -f "$jar" ] || [ -n "$(cd "$root" && find pom.xml src/main sql public -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "Building $jar ..." >&2
  (cd "$root" && mvn -B -q -DskipTests package)
fi
# 10,000 idle connections need as many file descriptors, in this process and in the server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node "$here/bench.js" --jar "$jar" "$@"
