#!/usr/bin/env bash
# Runs CityHub's benchmarks side by side with their peers; raw outputs land in benchmarks/results/.
#   ./benchmarks/run.sh            everything (about an hour on 2 cores)
#   ./benchmarks/run.sh bus        the hub's event bus against Felix EventAdmin (Timeout=0 and 5000), the LMAX Disruptor
#                                  and a queue per subscriber (JMH, 2 forks x 5 iterations; JSON in results/)
#   ./benchmarks/run.sh sse        the SSE fan-out load test (1,000 clients, 50,000 events/s, 30 s)
#   ./benchmarks/run.sh hotswap    10 runs of 100 binding updates while 10,000 events/s flow through another binding;
#                                  exits 1 if any event was lost
#   ./benchmarks/run.sh mqtt       MQTT devices through Mosquitto to department clients, ramped until saturation:
#                                  the hub beside Node-RED 4.1 (npm), every message numbered and counted per device
#   ./benchmarks/run.sh coap       1,000 CoAP devices, each on its own port, observed by the hub, to SSE clients;
#                                  once at 1 notification/s per device, once at 10/s
#   ./benchmarks/run.sh history    the embedded history store candidates (H2, SQLite) on ingest, hourly aggregates and
#                                  disk per point, in one run (docs/history.md)
#   ./benchmarks/run.sh history-ingest  history's ingest in the hub, 10,000 to 50,000 states/s, into SQLite and into
#                                  PostgreSQL (OS package), beside plain batched INSERT and COPY from the same JVM
#   ./benchmarks/run.sh history-query   30 days of 100 10-second channels through REST: hourly aggregates of one and of
#                                  100 channels, 30-minute ones from points, a million raw points paged (SQLite)
#   ./benchmarks/run.sh history-query-postgresql   the same on PostgreSQL (OS package)
#   ./benchmarks/run.sh rules      10,000 state events/s to department clients without rules, then with 10,000 rules
#                                  watching them in the same hub: the bus's figures side by side, trigger to action;
#                                  then the same workload as a Node-RED 4.1 flow (switch and change nodes, npm)
#   ./benchmarks/run.sh federation two hubs joined through a Kafka broker (KRaft, Maven artifacts): 10,000 events/s
#                                  from hub a's devices to hub b's SSE clients, beside a bare Kafka producer→consumer
#   ./benchmarks/run.sh ui         the web console in headless Chromium with 10,000 things and 1,000 events/s, beside
#                                  Leaflet alone on the same things and events (the practical limit)
#   ./benchmarks/city-scale.sh     (its own script) start-up and costs with 1,000 to 100,000 things
#   ./benchmarks/soak.sh           (its own script) one hour of MQTT devices to SSE clients
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
mvn -B -q -Pbench install -DskipTests
cd benchmarks
stamp="$(date -u +%Y-%m-%d)-$(hostname -s)"   # raw outputs are kept under results/, named by date and machine
mkdir -p results
if [ "$what" = all ] || [ "$what" = bus ]; then
  { echo "date: $(date -u +%FT%TZ)"; echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)";
    echo "cores: $(nproc)"; echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"; java -version 2>&1 | head -1;
    echo "commit: $(git rev-parse --short HEAD)"; } > "results/bus-$stamp.machine.txt"
  java -jar target/benchmarks.jar "Bus.*Benchmark" -rf json -rff "results/bus-$stamp.json" | tee target/bus-results.txt
  gzip -9f "results/bus-$stamp.json"   # sample mode's histograms make it 10 MB; 1 MB compressed
fi
if [ "$what" = all ] || [ "$what" = sse ]; then
  java -Xmx1g -cp target/benchmarks.jar org.cityhub.benchmarks.sse.SseLoadTest 1000 50000 30 | tee target/sse-results.txt
fi
if [ "$what" = all ] || [ "$what" = mqtt ]; then
  java -cp target/benchmarks.jar org.cityhub.benchmarks.mqtt.MqttLoadTest 15 both | tee "results/mqtt-$stamp.txt"
fi
if [ "$what" = all ] || [ "$what" = coap ]; then
  { java -cp target/benchmarks.jar org.cityhub.benchmarks.coap.CoapLoadTest 1000 1 30
    java -cp target/benchmarks.jar org.cityhub.benchmarks.coap.CoapLoadTest 1000 10 30; } | tee "results/coap-$stamp.txt"
fi
if [ "$what" = all ] || [ "$what" = rules ]; then
  java -cp target/benchmarks.jar org.cityhub.benchmarks.rules.RulesLoadTest 10000 10000 30 both \
    | grep -v '^\[main\] INFO' | tee "results/rules-$stamp.txt"
fi
if [ "$what" = all ] || [ "$what" = history ]; then
  java -cp target/benchmarks.jar org.cityhub.benchmarks.history.EmbeddedStoreComparison 10 30 \
    | tee "results/history-stores-$stamp.txt"
fi
if [ "$what" = all ] || [ "$what" = history-ingest ]; then
  java -cp target/benchmarks.jar org.cityhub.benchmarks.history.HistoryIngestLoadTest 20 sqlite,postgresql \
    | grep -v '^\[main\] INFO' | tee "results/history-ingest-$stamp.txt"
fi
if [ "$what" = all ] || [ "$what" = history-query ]; then
  java -cp target/benchmarks.jar org.cityhub.benchmarks.history.HistoryQueryLoadTest 100 30 \
    | grep -v '^\[main\] INFO' | tee "results/history-query-$stamp.txt"
fi
if [ "$what" = all ] || [ "$what" = history-query-postgresql ]; then
  java -cp target/benchmarks.jar org.cityhub.benchmarks.history.HistoryQueryLoadTest 100 30 postgresql \
    | grep -v '^\[main\] INFO' | tee "results/history-query-postgresql-$stamp.txt"
fi
if [ "$what" = all ] || [ "$what" = hotswap ]; then
  java -cp target/benchmarks.jar org.cityhub.benchmarks.hotswap.HotSwapHarness 100 10 | tee target/hotswap-results.txt
fi
if [ "$what" = all ] || [ "$what" = ui ]; then
  java -cp target/benchmarks.jar org.cityhub.benchmarks.ui.UiLoadTest 30 2>&1 \
    | grep -v -E '^\[main\] INFO|CDP|CdpVersionFinder' | tee "results/ui-$stamp.txt"
fi
if [ "$what" = all ] || [ "$what" = federation ]; then
  java -Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn -cp target/benchmarks.jar \
    org.cityhub.benchmarks.federation.FederationLoadTest 10000 30 2>&1 | grep -v '^\[main\] INFO' \
    | tee "results/federation-$stamp.txt"
fi
