#!/usr/bin/env bash
# Builds CityHub and starts it with the simulator's demo city on http://localhost:8181.
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
mvn -B -q install -DskipTests
rm -rf "$hub"
mkdir -p "$hub"
tar -xzf karaf-assembly/target/cityhub-distribution-*.tar.gz --strip-components=1 -C "$hub"
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
    echo "CityHub is up."
    if [ -n "$token" ]; then
      echo "  Token:    $token   (admin; shown once, revoked by the next ./run.sh)"
      echo "  REST:     curl -H \"Authorization: Bearer $token\" http://localhost:8181/api/things"
      echo "  Events:   curl -N -H \"Authorization: Bearer $token\" http://localhost:8181/api/events"
    else
      echo "  REST:     mint a token first: cityhub:token-create --role admin me (in the console below)"
    fi
    echo "  API docs: http://localhost:8181/api/docs"
    if [ -f "$hub/etc/admin.password" ]; then
      echo "  Console:  $hub/bin/client -u admin   (password: $hub/etc/admin.password)"
    else
      echo "  Console:  $hub/bin/client -u admin   (password: \$CITYHUB_ADMIN_PASSWORD)"
    fi
    echo "  Stop:     $hub/bin/stop"
    exit 0
  fi
  printf '.'
  sleep 1
done
echo
echo "The hub did not answer within 90 s; see $hub/data/log/karaf.log" >&2
exit 1
