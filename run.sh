#!/usr/bin/env bash
# Builds CityHub and starts it with the simulator's demo city on http://localhost:8181.
# Stop it with: karaf-assembly/target/assembly/bin/stop
set -euo pipefail
cd "$(dirname "$0")"
hub=karaf-assembly/target/assembly
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi
if [ -x "$hub/bin/status" ] && "$hub/bin/status" >/dev/null 2>&1; then
  echo "Stopping the running hub before rebuilding it..."
  "$hub/bin/stop"
fi
mvn -B -q install -DskipTests
"$hub/bin/start"
printf 'Waiting for the hub'
for _ in $(seq 1 90); do
  if curl -sf http://localhost:8181/api/health >/dev/null 2>&1; then
    echo
    echo "CityHub is up."
    echo "  REST:     curl http://localhost:8181/api/things"
    echo "  Events:   curl -N http://localhost:8181/api/events"
    echo "  Browser:  http://localhost:8181/api/things"
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
