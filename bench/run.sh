#!/usr/bin/env bash
# AudioCrawl against Scrapy (and the pipeline against aria2c and GNU tar) on a generated Cambridge-shaped mirror
# served by nginx on 127.0.0.1. Prints a table of medians and AudioCrawl/other ratios, pair by pair.
#
#   bench/run.sh                      # 20,000 entries, 3 runs of each, alternately
#   ENTRIES=2000 RUNS=5 bench/run.sh  # quicker
#
# Settings (environment): ENTRIES (20000), RUNS (3), PORT (8089), CONCURRENCY (32), PAGE_BYTES (80000),
# BENCH_DIR (/tmp/audiocrawl-bench: the generated site is kept there and reused), SUITES ("crawl pipeline"),
# PACK_COPIES (1: pack the downloaded samples as they are; N: pack N hard-linked copies of each under new keys),
# DOM_READER (0; 1: also crawl with the cambridge spider's entryReader=dom, to measure the streaming reader).
set -euo pipefail

ENTRIES=${ENTRIES:-20000}
RUNS=${RUNS:-3}
PORT=${PORT:-8089}
CONCURRENCY=${CONCURRENCY:-32}
PAGE_BYTES=${PAGE_BYTES:-80000}
BENCH_DIR=${BENCH_DIR:-/tmp/audiocrawl-bench}
SUITES=${SUITES:-"crawl pipeline"}
PACK_COPIES=${PACK_COPIES:-1}
DOM_READER=${DOM_READER:-0}
[ "$PACK_COPIES" -ge 1 ] && [ "$PACK_COPIES" -le 16 ] || { echo "PACK_COPIES must be 1..16" >&2; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE_URL="http://127.0.0.1:${PORT}/"
SITE_DIR="$BENCH_DIR/cambridge-$ENTRIES-$PAGE_BYTES"
SYSTEM_PYTHON=/usr/bin/python3   # Debian's python3-scrapy lives there, whatever python3 is first on PATH

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

install_missing() {
  local packages=(nginx python3-scrapy aria2 time) missing=()
  for package in "${packages[@]}"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} from Debian"
  local sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  log "building AudioCrawl (Release)"
  dotnet build "$ROOT/src/AudioCrawl" -c Release -nologo -v q >/dev/null
  dotnet build "$ROOT/bench/AudioCrawl.Bench.SiteGen" -c Release -nologo -v q >/dev/null
  AUDIOCRAWL=("dotnet" "$ROOT/src/AudioCrawl/bin/Release/net10.0/audiocrawl.dll")
}

generate() {
  if [ -f "$SITE_DIR/.done-$PORT" ]; then log "reusing the mirror in $SITE_DIR"; return; fi
  log "generating $ENTRIES entries (~$PAGE_BYTES bytes each) into $SITE_DIR"
  rm -rf "$SITE_DIR"; mkdir -p "$SITE_DIR"
  dotnet "$ROOT/bench/AudioCrawl.Bench.SiteGen/bin/Release/net10.0/AudioCrawl.Bench.SiteGen.dll" \
    --out "$SITE_DIR" --entries "$ENTRIES" --page-bytes "$PAGE_BYTES" --base-url "$BASE_URL" >&2
  touch "$SITE_DIR/.done-$PORT"
}

start_nginx() {
  NGINX_DIR=$(mktemp -d /tmp/audiocrawl-bench-nginx.XXXXXX)
  local user_line=; [ "$(id -u)" -eq 0 ] && user_line="user root;"
  cat >"$NGINX_DIR/nginx.conf" <<CONF
$user_line
worker_processes auto;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  sendfile on; tcp_nopush on; keepalive_requests 100000; keepalive_timeout 65;
  access_log $NGINX_DIR/access.log;
  client_body_temp_path $NGINX_DIR/body; proxy_temp_path $NGINX_DIR/proxy; fastcgi_temp_path $NGINX_DIR/fastcgi;
  uwsgi_temp_path $NGINX_DIR/uwsgi; scgi_temp_path $NGINX_DIR/scgi;
  server {
    listen 127.0.0.1:$PORT;
    root $SITE_DIR/site;
    location /dictionary/ { default_type text/html; try_files \$uri \$uri.html =404; }
    location /browse/ { index index.html; }
  }
}
CONF
  nginx -t -q -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" 2>/dev/null || nginx -t -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR"
  nginx -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR"
  for _ in $(seq 50); do [ -s "$NGINX_DIR/nginx.pid" ] && break; sleep 0.1; done
  NGINX_PID=$(cat "$NGINX_DIR/nginx.pid")
  log "nginx $NGINX_PID serving $SITE_DIR/site on $BASE_URL"
}

stop_nginx() {
  if [ -n "${NGINX_PID:-}" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID"
    for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    log "nginx $NGINX_PID stopped"
  fi
}

# measure SUITE TOOL RUN UNITS_FROM OUT_CSV -- command...
# UNITS_FROM: "pages" (HTML pages nginx served during the run), "files" (mp3s nginx served), or a number.
measure() {
  local suite=$1 tool=$2 run=$3 units_from=$4 out=$5; shift 6
  local timing="$RESULTS_DIR/$suite-$tool-$run.time" before after units
  before=$(wc -l <"$NGINX_DIR/access.log")
  /usr/bin/time -v -o "$timing" "$@" >"$RESULTS_DIR/$suite-$tool-$run.log" 2>&1 || { log "$tool run $run failed: see $RESULTS_DIR/$suite-$tool-$run.log"; tail -5 "$RESULTS_DIR/$suite-$tool-$run.log" >&2; }
  after=$(wc -l <"$NGINX_DIR/access.log")
  case $units_from in
    pages) units=$(tail -n +"$((before + 1))" "$NGINX_DIR/access.log" | head -n "$((after - before))" | grep -cE '"GET /(browse|dictionary)/' || true) ;;
    files) units=$(tail -n +"$((before + 1))" "$NGINX_DIR/access.log" | head -n "$((after - before))" | grep -cE '"GET /media/.*" 200 ' || true) ;;
    *) units=$units_from ;;
  esac
  local wall cpu rss quality="- - -"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$timing")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$timing")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timing")
  if [ "$out" != "-" ]; then quality=$("$SYSTEM_PYTHON" "$ROOT/bench/compare.py" "$SITE_DIR/expected.csv" "$out" 2>/dev/null || echo "0 0 0"); fi
  read -r precision recall rows <<<"$quality"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$suite" "$tool" "$run" "$units" "$wall" "$cpu" "$rss" "$precision" "$recall" "$rows" >>"$RESULTS"
  log "$suite $tool run $run: $units units in ${wall}s, CPU ${cpu}s, peak RSS $((rss / 1024)) MB, precision $precision recall $recall (load: $(cut -d' ' -f1-3 /proc/loadavg))"
}

crawl_suite() {
  for run in $(seq "$RUNS"); do
    local ours="$RESULTS_DIR/audiocrawl-$run.csv" theirs="$RESULTS_DIR/scrapy-$run.csv"
    rm -f "$ours" "$theirs"
    measure crawl audiocrawl "$run" pages "$ours" -- "${AUDIOCRAWL[@]}" crawl cambridge -o "$ours" --overwrite \
      --set "baseUrl=$BASE_URL" --concurrency "$CONCURRENCY" --per-host "$CONCURRENCY" --delay 0 --stats "$RESULTS_DIR/audiocrawl-$run.stats.json"
    (cd "$ROOT/bench/scrapy_cambridge" && measure crawl scrapy "$run" pages "$theirs" -- "$SYSTEM_PYTHON" -m scrapy crawl cambridge \
      -a "base_url=$BASE_URL" -O "$theirs:csv" -s "CONCURRENT_REQUESTS=$CONCURRENCY" -s "CONCURRENT_REQUESTS_PER_DOMAIN=$CONCURRENCY")
    if [ "$DOM_READER" = 1 ]; then
      # The same crawl with every entry page through AngleSharp's DOM: what the streaming reader buys, in the same run.
      local dom="$RESULTS_DIR/audiocrawl-dom-$run.csv"
      measure crawl audiocrawl-dom "$run" pages "$dom" -- "${AUDIOCRAWL[@]}" crawl cambridge -o "$dom" --overwrite \
        --set "baseUrl=$BASE_URL" --set entryReader=dom --concurrency "$CONCURRENCY" --per-host "$CONCURRENCY" --delay 0
    fi
  done
}

# The pipeline, files only: 'audiocrawl download --no-transcode' (loose files, and WebDataset shards) against aria2c
# over the same mp3 URLs at the same concurrency, then 'audiocrawl pack' against GNU tar over the same downloaded
# files. aria2c does not read robots.txt; AudioCrawl obeys it (one extra request per run).
pipeline_suite() {
  local urls="$SITE_DIR/audio-urls.txt" csv="$SITE_DIR/expected.csv"
  local download=("${AUDIOCRAWL[@]}" download "$csv" --no-transcode --download-concurrency "$CONCURRENCY" --per-host "$CONCURRENCY" --delay 0)
  for run in $(seq "$RUNS"); do
    local target="$RESULTS_DIR/aria2c-$run" files="$RESULTS_DIR/files-$run" shards="$RESULTS_DIR/shards-$run" packed="$RESULTS_DIR/packed-$run"
    rm -rf "$target" "$files" "$shards" "$packed"; mkdir -p "$target"
    # aria2c names files by their last path segment; the keys are unique per region folder, so keep the tree.
    awk -v root="$target" '{ path = $0; sub(/^https?:\/\/[^\/]+\//, "", path); dir = path; sub(/\/[^\/]*$/, "", dir); print $0 "\n  dir=" root "/" dir }' "$urls" >"$target.input"
    measure download aria2c "$run" files - -- aria2c -q -j "$CONCURRENCY" -x 1 --max-connection-per-server=1 \
      --auto-file-renaming=false --allow-overwrite=true --file-allocation=none -i "$target.input"
    measure download audiocrawl-files "$run" files - -- "${download[@]}" -o "$files" --format files
    measure download audiocrawl-wds "$run" files - -- "${download[@]}" -o "$shards" --format webdataset
    if [ "$PACK_COPIES" -gt 1 ]; then
      # More samples to pack than the site has: hard links under new keys (first hex digit XOR the copy number; up to 16).
      "$SYSTEM_PYTHON" - "$files" "$PACK_COPIES" <<'PY'
import os, sys
folder, copies = sys.argv[1], int(sys.argv[2])
for name in os.listdir(folder):
    key, _, suffix = name.partition(".")
    if len(key) == 32 and suffix in ("mp3", "ogg", "json"):
        for copy in range(1, copies):
            os.link(os.path.join(folder, name), os.path.join(folder, "%x%s.%s" % (int(key[0], 16) ^ copy, key[1:], suffix)))
PY
    fi
    # Both packers get the same {key}.mp3 + {key}.json pairs; the download's own status files are left out of tar.
    local bytes
    bytes=$(find "$files" -maxdepth 1 -type f \( -name '*.mp3' -o -name '*.ogg' -o -name '*.json' \) ! -name summary.json -printf '%s\n' | awk '{ s += $1 } END { printf "%.3f", s / 1e6 }')
    # --hard-dereference: with PACK_COPIES the copies are hard links, which tar would otherwise store as links
    # (a header, no data) while pack reads and writes every sample in full.
    measure pack tar "$run" "$bytes" - -- tar --hard-dereference -cf "$RESULTS_DIR/tar-$run.tar" -C "$files" --exclude=summary.json --exclude=status.parquet --exclude=_status.jsonl .
    measure pack audiocrawl "$run" "$bytes" - -- "${AUDIOCRAWL[@]}" pack "$files" -o "$packed"
    log "pack audiocrawl run $run, as it reports itself (no process start): $(grep -E '^ +read ' "$RESULTS_DIR/pack-audiocrawl-$run.log" | tr -s ' ')"
  done
  # Deleted only now: ext4 skips recently freed inodes when it allocates new ones, and thousands of files deleted
  # between runs made the next run's file creations several times slower (for whichever tool came next).
  rm -rf "$RESULTS_DIR"/aria2c-[0-9]* "$RESULTS_DIR"/files-* "$RESULTS_DIR"/shards-* "$RESULTS_DIR"/packed-* "$RESULTS_DIR"/tar-*.tar
}

main() {
  install_missing
  build
  generate
  RESULTS_DIR=$(mktemp -d /tmp/audiocrawl-bench-results.XXXXXX)
  RESULTS="$RESULTS_DIR/results.tsv"
  : >"$RESULTS"
  start_nginx
  trap stop_nginx EXIT
  log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB memory; load $(cut -d' ' -f1-3 /proc/loadavg)"
  for suite in $SUITES; do "${suite}_suite"; done
  stop_nginx
  echo
  echo "AudioCrawl benchmark: $ENTRIES entries, $RUNS runs each, concurrency $CONCURRENCY, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  "$SYSTEM_PYTHON" "$ROOT/bench/report.py" "$RESULTS"
  echo
  echo "raw results and logs: $RESULTS_DIR"
}

main "$@"
