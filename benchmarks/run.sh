#!/usr/bin/env bash
# Runs CityHub's benchmarks side by side with their peers; results land in benchmarks/target/.
#   ./benchmarks/run.sh            everything (about 10 minutes on 2 cores)
#   ./benchmarks/run.sh bus        the event bus against Felix EventAdmin and a queue per subscriber (JMH)
#   ./benchmarks/run.sh sse        the SSE fan-out load test (1,000 clients, 50,000 events/s, 30 s)
#   ./benchmarks/run.sh hotswap    100 binding updates while 10,000 events/s flow through another binding
#   ./benchmarks/run.sh mqtt       20,000 MQTT messages/s across 1,000 topics, the hub beside Node-RED (npm)
#   ./benchmarks/run.sh coap       1,000 CoAP devices observed, each notifying once a second
#   ./benchmarks/startup.sh        start-up with 0, 1,000, 20,000 and 100,000 things in one thing file
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
mvn -B -q -Pbench install -DskipTests
cd benchmarks
if [ "$what" = all ] || [ "$what" = bus ]; then
  java -jar target/benchmarks.jar "Bus.*Benchmark" -rf json -rff target/bus-results.json | tee target/bus-results.txt
fi
if [ "$what" = all ] || [ "$what" = sse ]; then
  java -Xmx1g -cp target/benchmarks.jar org.cityhub.benchmarks.sse.SseLoadTest 1000 50000 30 | tee target/sse-results.txt
fi
if [ "$what" = all ] || [ "$what" = mqtt ]; then
  java -cp target/benchmarks.jar org.cityhub.benchmarks.mqtt.MqttLoadTest 1000 20000 30 | tee target/mqtt-results.txt
fi
if [ "$what" = all ] || [ "$what" = coap ]; then
  java -cp target/benchmarks.jar org.cityhub.benchmarks.coap.CoapLoadTest 1000 30 | tee target/coap-results.txt
fi
if [ "$what" = all ] || [ "$what" = hotswap ]; then
  java -cp target/benchmarks.jar org.cityhub.benchmarks.hotswap.HotSwapHarness 100 | tee target/hotswap-results.txt
fi
