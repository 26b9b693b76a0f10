#!/usr/bin/env bash
# Pages/s of a shared crawl with 1, 2 and 4 worker processes on this machine, and the Redis commands per page.
# Serves the sound-library sample site (SOUNDS sounds, LATENCY ms per response) and a private redis-server on
# loopback; every run starts from an empty Redis. Usage: bench/redis-scaling.sh [workers...]   (default: 1 2 4)
set -euo pipefail
cd "$(dirname "$0")/.."
SOUNDS=${SOUNDS:-3000}
LATENCY=${LATENCY:-20}
PER_HOST=${PER_HOST:-32}
CONCURRENCY=${CONCURRENCY:-16}
WORKERS=("${@:-1 2 4}")
read -r -a WORKERS <<<"${WORKERS[*]}"

dotnet build -c Release src/AudioCrawl -o bench/out/audiocrawl >/dev/null
dotnet build -c Release bench/SoundSiteServer -o bench/out/site >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port)
SITE_PORT=$(free_port)
work=$(mktemp -d)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
redis_pid=$!
dotnet bench/out/site/SoundSiteServer.dll "$SITE_PORT" "$SOUNDS" "$LATENCY" >/dev/null &
site_pid=$!
trap 'kill $redis_pid $site_pid 2>/dev/null; rm -rf "$work"' EXIT
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
until curl -fs "http://127.0.0.1:$SITE_PORT/" >/dev/null 2>&1 || python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$SITE_PORT/')" 2>/dev/null; do sleep 0.2; done
echo '{}' >"$work/crawlers.json"

printf '%-8s %-8s %-8s %-9s %-13s %-13s\n' workers pages seconds pages/s scripts/page commands/page
for n in "${WORKERS[@]}"; do
  redis-cli -p "$REDIS_PORT" flushall >/dev/null
  redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
  rm -f "$work"/part*.csv "$work"/stats*.json
  start=$(date +%s.%N)
  pids=()
  for i in $(seq 1 "$n"); do
    (cd "$work" && dotnet "$OLDPWD/bench/out/audiocrawl/audiocrawl.dll" crawl sounds -o "part$i.csv" --stats "stats$i.json" \
      --set "baseUrl=http://127.0.0.1:$SITE_PORT/" --delay 0 --per-host "$PER_HOST" --concurrency "$CONCURRENCY" \
      --redis "redis://127.0.0.1:$REDIS_PORT" --crawl-id bench --worker-id "w$i" >/dev/null 2>&1) &
    pids+=($!)
  done
  wait "${pids[@]}"
  end=$(date +%s.%N)
  python3 - "$work" "$n" "$start" "$end" "$(redis-cli -p "$REDIS_PORT" info commandstats)" <<'PY'
import json, re, sys
work, n, start, end, info = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
pages = sum(json.load(open(f"{work}/stats{i}.json"))["stats"]["responses"] for i in range(1, n + 1))
calls = sum(int(m) for m in re.findall(r"calls=(\d+)", info))
scripts = sum(int(m) for m in re.findall(r"cmdstat_eval(?:sha)?:calls=(\d+)", info))
seconds = end - start
print(f"{n:<8} {pages:<8} {seconds:<8.1f} {pages / seconds:<9.1f} {scripts / pages:<13.1f} {calls / pages:<13.1f}")
PY
done
