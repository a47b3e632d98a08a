#!/usr/bin/env bash
# Start-up at city scale: for each size, the built distribution with that many simulator things in one file of
# etc/things/, started as users start it; reports when /api/health answers and turns ready, how long the things
# file took to apply, how many things are ONLINE, and the heap after a full GC. Size 0 is the demo city alone,
# the baseline of the same run.
#   ./benchmarks/startup.sh [SIZE ...]     default: 0 1000 20000 100000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(0 1000 20000 100000)
assembly=karaf-assembly/target/assembly
[ -d "$assembly" ] || mvn -B -q install -DskipTests
out=benchmarks/target/startup-results.txt
mkdir -p benchmarks/target
echo "size  health_answers_s  ready_s  file_applied_s  online  heap_after_gc_mib" | tee "$out"
for size in "${sizes[@]}"; do
  home=$(mktemp -d /tmp/cityhub-startup-XXXX)
  cp -r "$assembly"/. "$home"
  python3 - "$size" "$home/etc/things/scale.json" <<'PY'
import json, sys
n = int(sys.argv[1])
things = [{"uid": "simulator:streetlight:scale-%d" % i, "label": "Light %d" % i, "department": "public-lighting",
           "configuration": {"intervalSeconds": 60}} for i in range(n)]
json.dump({"things": things}, open(sys.argv[2], "w"))
PY
  http=18381; ssh=18301
  sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $http/" "$home/etc/org.ops4j.pax.web.cfg"
  sed -i "s/^sshPort = .*/sshPort = $ssh/" "$home/etc/org.apache.karaf.shell.cfg"
  sed -i "s/^rmiRegistryPort.*/rmiRegistryPort = 11399/; s/^rmiServerPort.*/rmiServerPort = 44744/" \
      "$home/etc/org.apache.karaf.management.cfg"
  start=$(date +%s.%N)
  (cd "$home" && CHECK_ROOT_INSTANCE_RUNNING=false CITYHUB_ADMIN_PASSWORD=bench nohup bin/karaf server \
      > "$home/console.log" 2>&1 &)
  answered=""; ready=""
  for _ in $(seq 1 1200); do
    code=$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$http/api/health/ready" || true)
    now=$(date +%s.%N)
    if [ -z "$answered" ] && { [ "$code" = 200 ] || [ "$code" = 503 ]; }; then answered=$(echo "$now - $start" | bc); fi
    if [ "$code" = 200 ]; then ready=$(echo "$now - $start" | bc); break; fi
    sleep 0.25
  done
  log="$home/data/log/karaf.log"
  applied=$(python3 - "$log" <<'PY'
import re, sys, datetime
times = {}
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"(\S+) .*thing file (demo-city|scale)\.json: \d+ things", line)
    if m:
        times[m.group(2)] = datetime.datetime.fromisoformat(m.group(1).replace(",", "."))
print("%.1f" % (times["scale"] - times["demo-city"]).total_seconds() if len(times) == 2 else "-")
PY
)
  online=$(echo "cityhub:status" | "$home/bin/client" -a $ssh -h 127.0.0.1 -u admin -p bench -r 10 -d 2 -b 2>/dev/null \
      | sed -n 's/^Things *[0-9]*: ONLINE \([0-9]*\).*/\1/p')
  pid=$(pgrep -f "karaf.home=$home" | head -1)
  jcmd "$pid" GC.run > /dev/null
  heap=$(jcmd "$pid" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
  printf "%-6s %-17.1f %-8.1f %-15s %-7s %s\n" "$size" "${answered:-0}" "${ready:-0}" "$applied" "${online:--}" \
      "$((heap / 1024))" | tee -a "$out"
  kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
  rm -rf "$home"
done
