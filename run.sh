#!/usr/bin/env bash
# Builds CityHub and starts it with the simulator's demo city, Hangzhou, on http://localhost:8181.
# Stop it with: karaf-assembly/target/hub/bin/stop
# The hub runs from a fresh copy of the distribution in karaf-assembly/target/hub, never from the build's own
# assembly folder, so that a running hub's state never ends up in the packaged distribution.
set -euo pipefail
cd "$(dirname "$0")"
hub=karaf-assembly/target/hub
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi
if [ -x "$hub/bin/status" ] && "$hub/bin/status" >/dev/null 2>&1; then
  echo "Stopping the running hub before rebuilding it..."
  "$hub/bin/stop"
fi
if [ -f "$hub/mosquitto/mosquitto.pid" ]; then
  kill "$(cat "$hub/mosquitto/mosquitto.pid")" 2>/dev/null || true
fi
mvn -B -q install -DskipTests
rm -rf "$hub"
mkdir -p "$hub"
tar -xzf karaf-assembly/target/cityhub-distribution-*.tar.gz --strip-components=1 -C "$hub"
# the Hangzhou demo's extras (docs/homes.md): the hospital's board, pushed to the hub; and, where Mosquitto is
# installed, a residential community of 20 flats whose simulated Zigbee2MQTT gateways reach the hub through MQTT
cp demo/things/hangzhou-health.json "$hub/etc/things/"
mqtt_port="${CITYHUB_DEMO_MQTT_PORT:-18830}"
homes=""
if command -v mosquitto >/dev/null 2>&1; then
  mkdir -p "$hub/mosquitto"
  # run as the user running this script (as root, Mosquitto would switch to its own user and not write the pid)
  printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nuser %s\npid_file %s\n' "$mqtt_port" \
    "$(id -un)" "$PWD/$hub/mosquitto/mosquitto.pid" > "$hub/mosquitto/mosquitto.conf"
  if mosquitto -d -c "$hub/mosquitto/mosquitto.conf"; then
    sed "s/\"@MQTT_PORT@\"/$mqtt_port/g" demo/things/hangzhou-homes.json.template > "$hub/etc/things/hangzhou-homes.json"
    cp demo/rules/sos-elderly-care.json "$hub/etc/rules/"
    homes=yes
  fi
fi
if [ -z "$homes" ]; then
  echo "NOTE: Mosquitto is not installed (apt-get install mosquitto): the demo's 20 homes, which reach the hub" \
    "through an MQTT broker, are left out; the rest of the city runs."
fi
"$hub/bin/start"
printf 'Waiting for the hub'
for _ in $(seq 1 90); do
  if curl -sf http://localhost:8181/api/health >/dev/null 2>&1; then
    echo
    password="${CITYHUB_ADMIN_PASSWORD:-$(cat "$hub/etc/admin.password" 2>/dev/null || true)}"
    token=""
    if [ -n "$password" ]; then
      # a fresh admin token for this demo session; the previous one is revoked
      echo "cityhub:token-revoke run-sh" | "$hub/bin/client" -u admin -p "$password" -r 30 -b >/dev/null 2>&1 || true
      token="$(echo "cityhub:token-create --role admin run-sh" \
        | "$hub/bin/client" -u admin -p "$password" -r 30 -b 2>/dev/null | grep '^chub_' | tr -d '\r' || true)"
      # the demo's sharing: the emergency office reads the water gauges and lights the harbour embankment, so that
      # its rule etc/rules/canal-flood.json runs (docs/rules.md)
      printf '%s\n' \
        "cityhub:grant --id demo-water-gauges --owner water --grantee emergency --types simulator:waterlevel --purpose 'flood warnings for the emergency office'" \
        "cityhub:grant --id demo-harbour-lights --owner public-lighting --grantee emergency --types simulator:streetlight --tags harbour --command --purpose 'light the harbour embankment in a flood'" \
        | "$hub/bin/client" -u admin -p "$password" -r 30 -b >/dev/null 2>&1 || true
    fi
    resident=""
    if [ -n "$token" ]; then
      resident="$(demo/homes.sh http://localhost:8181/api "$token" "$homes" || true)"
    fi
    echo "CityHub is up: the Hangzhou demo city (杭州演示城市)."
    if [ -n "$token" ]; then
      echo "  Token:    $token   (admin; shown once, revoked by the next ./run.sh)"
      echo "  REST:     curl -H \"Authorization: Bearer $token\" http://localhost:8181/api/things"
      echo "  Events:   curl -N -H \"Authorization: Bearer $token\" http://localhost:8181/api/events"
    else
      echo "  REST:     mint a token first: cityhub:token-create --role admin me (in the console below)"
    fi
    if [ -n "$resident" ]; then
      echo "  Resident: $resident   (flat cuiyuan-01 only; try Accept-Language: zh-CN)"
    fi
    link=""
    if [ -n "$password" ]; then
      # a link that opens the web console signed in as an administrator: a single-use ticket, good for two minutes
      link="$(echo "cityhub:ui-link --base http://localhost:8181" \
        | "$hub/bin/client" -u admin -p "$password" -r 30 -b 2>/dev/null \
        | grep -o 'http://[^ ]*#ticket=[A-Za-z0-9_-]*' | head -1 || true)"
    fi
    if [ -n "$link" ]; then
      echo "  Web:      $link   (opens the web console signed in; once, within two minutes; docs/ui.md)"
    fi
    echo "  Web:      http://localhost:8181/ui/   (sign in with a token above; docs/ui.md)"
    echo "  API docs: http://localhost:8181/api/docs"
    if [ -f "$hub/etc/admin.password" ]; then
      echo "  Console:  $hub/bin/client -u admin   (password: $hub/etc/admin.password)"
    else
      echo "  Console:  $hub/bin/client -u admin   (password: \$CITYHUB_ADMIN_PASSWORD)"
    fi
    if [ -n "$homes" ]; then
      echo "  Stop:     $hub/bin/stop; kill \$(cat $hub/mosquitto/mosquitto.pid)"
    else
      echo "  Stop:     $hub/bin/stop"
    fi
    exit 0
  fi
  printf '.'
  sleep 1
done
echo
echo "The hub did not answer within 90 s; see $hub/data/log/karaf.log" >&2
exit 1
