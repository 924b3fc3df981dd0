#!/usr/bin/env bash
# One fresh server, one natsbench scenario run several times in a row: msgs/s and the server's CPU ticks
# (10 ms, whole run: a JetStream scenario's prefill too) per run, and with CITIME=1 the JIT's C1 and C2
# totals at exit. compare.sh measures the run after one warm-up run, so run 2 here is the one it sees.
#
#   src/test/bench/warmup-runs.sh <jnatsd-dist-dir|go> <scenario> [runs=2]
#
# Env: NATSBENCH (default /tmp/bench/natsbench; build it with gcc -O2 -o ... ../shared/bench/natsbench.c
# -lnats -lpthread), EXTRA (JVM flags added after bin/jnatsd's defaults), CITIME=1.
set -euo pipefail
dist=$1
scen=$2
runs=${3:-2}
natsbench=${NATSBENCH:-/tmp/bench/natsbench}
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
extra=${EXTRA:-}
if [ "${CITIME:-}" = 1 ]; then
    extra="$extra -XX:+CITime"
fi

if [ "$dist" = go ]; then
    setsid /usr/sbin/nats-server -a 127.0.0.1 -p "$port" -js -sd "$work/store" >"$work/server.log" 2>&1 &
else
    JNATSD_JAVA_OPTS="-XX:+UseParallelGC -XX:MaxRAMPercentage=25 -XX:+ExitOnOutOfMemoryError $extra" \
        setsid "$dist/bin/jnatsd" -a 127.0.0.1 -p "$port" -js -sd "$work/store" >"$work/server.log" 2>&1 &
fi
group=$!
for _ in $(seq 1 300); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
# The server process itself, not a wrapper script: stopping only the wrapper would leave the JVM running.
pid=$(pgrep -g "$group" -f 'java|nats-server' | head -n 1)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

for r in $(seq 1 "$runs"); do
    before=$(ticks)
    result=$("$natsbench" --scenario "$scen" -u "nats://127.0.0.1:$port" 2>&1 | grep -o 'msgs_per_sec=[0-9]*\|FAIL.*' || true)
    echo "run $r $result ticks=$(( $(ticks) - before ))"
done

kill -TERM -- "-$group"
timeout 20 tail --pid="$pid" -f /dev/null || kill -KILL -- "-$group"
if [ "${CITIME:-}" = 1 ]; then
    grep -E '^ +C[12] \{speed' "$work/server.log" | sed 's/nmethods_size.*//'
fi
