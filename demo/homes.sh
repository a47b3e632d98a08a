#!/usr/bin/env bash
# The Hangzhou demo's people and data, made through the REST API as a city's offices would (run by ../run.sh):
# the hospital board's first push; with the homes: the departments' tokens, the Cuiyuan community's 20 households,
# their consents (smoke alarms to fire rescue, SOS buttons and door contacts to elderly care, leak sensors to the
# water company) and a resident's token for flat cuiyuan-01, printed on the last line.
# Usage: demo/homes.sh <api base> <admin token> [yes if the homes are installed]
set -uo pipefail
api="$1"
token="$2"
homes="${3:-}"

call() { # method path body
  curl -sf -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json; charset=utf-8' \
    --data-binary "$3" "$api$2"
}

# the hospital's information system pushes its board; the thing file is read a moment after the hub answers
for _ in $(seq 1 20); do
  if call POST /ingest/http:push:zheyi-board "{\"beds\": {\"free\": 37, \"total\": 1200}, \"queue\": {\"waiting\": 86,
      \"minutes\": 42}, \"updated\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}" >/dev/null; then
    break
  fi
  sleep 1
done
[ "$homes" = yes ] || exit 0

device() { # flat number, kind (0 smoke, 1 leak, 2 door, 3 plug, 4 sos)
  printf 'mqtt:zigbee2mqtt:00158d00%04x%04x' "$1" "$2"
}

for department in fire-rescue elderly-care water; do
  call POST /tokens "{\"name\": \"demo-$department\", \"role\": \"viewer\", \"departments\": \"$department\"}" >/dev/null
done
for home in $(seq 1 20); do
  flat=$(printf 'cuiyuan-%02d' "$home")
  building=$(( (home - 1) / 4 + 1 ))
  room=$(printf '%02d' $(( (home - 1) % 4 + 1 )))
  call PUT "/households/$flat" "{\"label\": \"${building}幢${room}室 Flat $building-$room\",
    \"address\": \"杭州市西湖区翠苑一区${building}幢${room}室\", \"district\": \"西湖区 Xihu\",
    \"office\": \"community\"}" >/dev/null
  if [ "$home" -le 12 ]; then
    call POST /grants "{\"id\": \"consent-$flat-smoke\", \"owner\": {\"household\": \"$flat\"}, \"grantee\": \"fire-rescue\",
      \"select\": {\"things\": [\"$(device "$home" 0)\"]}, \"rights\": [\"read\"],
      \"purpose\": \"烟雾报警器给消防救援 smoke alarms to fire rescue\"}" >/dev/null
  fi
  if [ "$home" -le 6 ]; then
    call POST /grants "{\"id\": \"consent-$flat-care\", \"owner\": {\"household\": \"$flat\"}, \"grantee\": \"elderly-care\",
      \"select\": {\"things\": [\"$(device "$home" 4)\", \"$(device "$home" 2)\"]}, \"rights\": [\"read\"],
      \"purpose\": \"紧急呼叫按钮和门磁给社区养老服务 SOS button and door contact to the community's elderly-care service\"}" >/dev/null
  fi
  if [ "$home" -le 4 ]; then
    call POST /grants "{\"id\": \"consent-$flat-water\", \"owner\": {\"household\": \"$flat\"}, \"grantee\": \"water\",
      \"select\": {\"things\": [\"$(device "$home" 1)\"]}, \"rights\": [\"read\"],
      \"purpose\": \"漏水传感器给自来水公司 water-leak sensor to the water company\"}" >/dev/null
  fi
done
call POST /households/cuiyuan-01/tokens '{"name": "resident-cuiyuan-01"}' | grep -o '"token":"[^"]*"' | cut -d'"' -f4
