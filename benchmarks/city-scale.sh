#!/usr/bin/env bash
# A whole city in one hub (issue 24). For each size, the built distribution as users run it (bin/karaf server),
# given a city by cityhub:simulate (12 departments, mixed types, reports staggered so that every size sends about
# RATE state updates per second in all), then restarted on that city and measured:
#   rest_s       seconds from the start until /api/health first answers
#   ready_s      ... until /api/health/ready is 200: every thing defined and started
#   online       things ONLINE (cityhub:status)
#   heap_mib     heap after a full GC (jcmd GC.run); kib/thing above the demo city alone (size 0, same run)
#   page_ms      median of 21 GET /api/things?limit=100 with a token of all departments
#   dept_ms      the same with ?department=department-05; token_ms with a token of department-05 only
#   reload_ms    one thing's label changed in the 100,000-line file: read + applied, as the watcher logs them
#   cpu_us       process CPU per state update over 30 s: (utime + stime) / events published
#   ./benchmarks/city-scale.sh [SIZE ...]     default: 0 1000 10000 100000; RATE=1000 by default
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(0 1000 10000 100000)
rate=${RATE:-1000}
assembly=karaf-assembly/target/assembly
[ -d "$assembly" ] || mvn -B -q install -DskipTests
out=benchmarks/target/city-scale-results.txt
mkdir -p benchmarks/target
http=18381; ssh=18301
printf "%-7s %-7s %-8s %-7s %-9s %-9s %-8s %-8s %-9s %-10s %s\n" size rest_s ready_s online heap_mib kib/thing \
    page_ms dept_ms token_ms reload_ms cpu_us | tee "$out"

console() { "$home/bin/client" -a $ssh -h 127.0.0.1 -u admin -p bench -r 20 -d 1 -b <<< "$1" 2>/dev/null; }
health_code() { curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$http/api/health/ready" || true; }
start_hub() {
  started=$(date +%s.%N)
  (cd "$home" && CHECK_ROOT_INSTANCE_RUNNING=false CITYHUB_ADMIN_PASSWORD=bench nohup bin/karaf server \
      >> "$home/console.log" 2>&1 &)
  rest=""; ready=""
  for _ in $(seq 1 2400); do
    code=$(health_code); now=$(date +%s.%N)
    if [ -z "$rest" ] && { [ "$code" = 200 ] || [ "$code" = 503 ]; }; then rest=$(echo "$now - $started" | bc); fi
    if [ "$code" = 200 ]; then ready=$(echo "$now - $started" | bc); break; fi
    sleep 0.1
  done
  pid=$(pgrep -f "karaf.home=$home" | head -1)
}
stop_hub() { kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; }
median_ms() { # url token
  for _ in $(seq 1 21); do
    curl -s -o /dev/null -w "%{time_total}\n" -H "Authorization: Bearer $2" "http://127.0.0.1:$http/api$1"
  done | sort -n | sed -n 11p | awk '{printf "%.1f", $1 * 1000}'
}
events() {
  curl -s -H "Authorization: Bearer $all" "http://127.0.0.1:$http/api/metrics" \
      | awk '/^cityhub_events_published_total/ {printf "%d", $2}'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

baseline_heap=""
for size in "${sizes[@]}"; do
  home=$(mktemp -d /tmp/cityhub-scale-XXXX)
  cp -r "$assembly"/. "$home"
  sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $http/" "$home/etc/org.ops4j.pax.web.cfg"
  sed -i "s/^sshPort = .*/sshPort = $ssh/" "$home/etc/org.apache.karaf.shell.cfg"
  sed -i "s/^rmiRegistryPort.*/rmiRegistryPort = 11399/; s/^rmiServerPort.*/rmiServerPort = 44744/" \
      "$home/etc/org.apache.karaf.management.cfg"
  if [ "$size" -gt 0 ]; then # the city is made by the hub's own command, then the hub restarts on it
    start_hub
    interval=$(( (size * 17 / 10 + rate / 2) / rate )); [ "$interval" -lt 1 ] && interval=1
    console "cityhub:simulate --things $size --departments 12 --interval $interval" > /dev/null
    for _ in $(seq 1 1200); do [ "$(health_code)" = 200 ] && [ -n "$(grep -a "simulated-city.json: $size things" \
        "$home/data/log/karaf.log" || true)" ] && break; sleep 0.25; done
    stop_hub
  fi
  start_hub
  online=$(console "cityhub:status" | sed -n 's/^Things *[0-9]*: .*ONLINE \([0-9]*\).*/\1/p')
  jcmd "$pid" GC.run > /dev/null
  heap=$(( $(jcmd "$pid" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1) / 1024 ))
  [ -z "$baseline_heap" ] && [ "$size" -eq 0 ] && baseline_heap=$heap
  per_thing="-"
  [ -n "$baseline_heap" ] && [ "$size" -gt 0 ] && per_thing=$(echo "scale=2; ($heap - $baseline_heap) * 1024 / $size" | bc)
  all=$(console "cityhub:token-create --role viewer --department '*' bench-all" | tail -1 | tr -d '\r')
  dept=$(console "cityhub:token-create --role viewer --department department-05 bench-dept" | tail -1 | tr -d '\r')
  page=$(median_ms "/things?limit=100" "$all")
  by_dept=$(median_ms "/things?department=department-05&limit=100" "$all")
  by_token=$(median_ms "/things?limit=100" "$dept")
  reload="-"; cpu="-"
  if [ "$size" -gt 0 ]; then
    file="$home/etc/things/simulated-city.json"
    python3 - "$file" <<'PY'
import json, sys
city = json.load(open(sys.argv[1]))
city["things"][7]["label"] += " (renamed)"
json.dump(city, open(sys.argv[1] + ".new", "w"))
PY
    mv "$file.new" "$file"
    for _ in $(seq 1 600); do
      line=$(grep -a "simulated-city.json: $size things (1 new or changed, 0 removed)" "$home/data/log/karaf.log" || true)
      [ -n "$line" ] && break; sleep 0.1
    done
    reload=$(echo "$line" | sed -n 's/.*read in \([0-9]*\) ms, applied in \([0-9]*\) ms.*/\1+\2/p' | tail -1)
    ticks=$(getconf CLK_TCK)
    e0=$(events); c0=$(cpu_ticks); sleep 30; e1=$(events); c1=$(cpu_ticks)
    cpu=$(echo "scale=1; ($c1 - $c0) * 1000000 / $ticks / ($e1 - $e0)" | bc)
  fi
  printf "%-7s %-7.1f %-8.1f %-7s %-9s %-9s %-8s %-8s %-9s %-10s %s\n" "$size" "${rest:-0}" "${ready:-0}" \
      "${online:--}" "$heap" "$per_thing" "$page" "$by_dept" "$by_token" "$reload" "$cpu" | tee -a "$out"
  stop_hub
  rm -rf "$home"
done
