#!/usr/bin/env bash
# The hub over an hour: MQTT devices through Mosquitto (apt-get install mosquitto) to the hub and on to SSE
# clients on department tokens; heap after GC, threads, open files, loss and latency sampled every minute.
#   ./benchmarks/soak.sh [minutes=60] [messages/s=10000] [SSE clients=200]
# Figures: benchmarks/results/soak-<date>-<machine>.csv and .png; the run's output in benchmarks/target/soak-results.txt
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench install -DskipTests
cd benchmarks
java -Djava.awt.headless=true -cp target/benchmarks.jar org.cityhub.benchmarks.soak.SoakTest \
  "${1:-60}" "${2:-10000}" "${3:-200}" | tee target/soak-results.txt
