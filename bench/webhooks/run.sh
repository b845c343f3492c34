#!/usr/bin/env bash
# Webhook benchmark: builds the application, then starts it in the benchmark's JVM on a fresh H2 data directory and
# sends signed order events over HTTP from local clients (127.0.0.1 only). Prints key=value figures as its last lines.
#   bench/webhooks/run.sh [orders] [clients]      (defaults: 2000 orders, 8 clients)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl processes -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
CP="processes/target/classes:$(cat processes/target/bench-classpath.txt)"
DATA="$(mktemp -d /tmp/kitchen-webhook-bench.XXXXXX)"
trap 'rm -rf "$DATA"' EXIT
exec java -Xmx2g -XX:+UseParallelGC -Djava.io.tmpdir="$DATA" -cp "$CP" bench/webhooks/WebhookBenchmark.java \
    "$DATA" "${1:-2000}" "${2:-8}"
