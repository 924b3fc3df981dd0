#!/usr/bin/env bash
# Publish rate with 1 and with 10,000 idle consumers on one stream, jnatsd and the Go reference side by side.
# Each run gets a fresh server on a free port and an empty store; the runs alternate jnatsd / Go.
#
#   src/test/bench/many-consumers.sh [reps=3] [msgs=100000] [storage=memory|file] [consumers="1 10000"]
#
# Needs: ./mvnw -q -o package -DskipTests (stages target/jnatsd-*/ and the test classes).
# Env: JNATSD (default bin/jnatsd of this tree), GO_SERVER (default /usr/sbin/nats-server).
set -euo pipefail
cd "$(dirname "$0")/../../.."
REPS=${1:-3}
MSGS=${2:-100000}
STORAGE=${3:-memory}
COUNTS=${4:-"1 10000"}
JNATSD=${JNATSD:-bin/jnatsd}
GO_SERVER=${GO_SERVER:-/usr/sbin/nats-server}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
[ -f target/test-cp.txt ] || ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt >/dev/null
CP="target/test-classes:target/classes:$(cat target/test-cp.txt)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

run_one() { # side consumers
    local side=$1 n=$2 port store pid line
    port=$(free_port); store=$(mktemp -d)
    if [ "$side" = jnatsd ]; then
        setsid "$JNATSD" -a 127.0.0.1 -p "$port" -js -sd "$store" >"$store.log" 2>&1 &
    else
        setsid "$GO_SERVER" -a 127.0.0.1 -p "$port" -js -sd "$store" >"$store.log" 2>&1 &
    fi
    pid=$!
    for _ in $(seq 1 600); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    line=$("$JAVA" -cp "$CP" io.jnatsd.bench.ManyConsumersBench "nats://127.0.0.1:$port" "$n" "$MSGS" "$STORAGE" \
        2>>"$store.log" | grep '^RESULT' || echo "FAIL see $store.log")
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "server=$side $line"
    rm -rf -- "$store"
}

for rep in $(seq 1 "$REPS"); do
    for n in $COUNTS; do
        run_one jnatsd "$n"
        run_one go "$n"
    done
done
