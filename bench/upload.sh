#!/usr/bin/env bash
# Upload throughput to a local S3-compatible server (s3rver on 127.0.0.1): 'audiocrawl upload' against
# 'aws s3 cp --recursive', same files, same concurrency, same part size. Not a test: it prints figures.
# Usage: bench/upload.sh [FILES] [MB_PER_FILE] [CONCURRENCY]
# Needs node/npm (s3rver via scripts/s3rver.sh), the AWS CLI (AWS=/usr/bin/aws to pick one; Debian: apt-get install awscli) and the .NET SDK.
set -euo pipefail
aws=${AWS:-aws}
files=${1:-24}
megabytes=${2:-8}
concurrency=${3:-8}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/audiocrawl-upload-bench.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== $files files of $megabytes MB in $work/data"
mkdir -p "$work/data" "$work/store"
for n in $(seq -w 1 "$files"); do head -c $((megabytes * 1000 * 1000)) /dev/urandom > "$work/data/part$n.bin"; done
total_mb=$((files * megabytes))

dotnet build "$root/src/AudioCrawl" -c Release -v q -nologo >/dev/null
audiocrawl="dotnet $root/src/AudioCrawl/bin/Release/net10.0/audiocrawl.dll"

"$root/scripts/s3rver.sh" "$work/store" 0 bench > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do grep -q '^listening' "$work/server.log" && break; sleep 0.1; done
port=$(sed -n 's/^listening //p' "$work/server.log")
endpoint="http://127.0.0.1:$port"
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1
cat > "$work/aws-config" <<CONFIG
[default]
s3 =
  max_concurrent_requests = $concurrency
  multipart_threshold = 16MB
  multipart_chunksize = 16MB
  addressing_style = path
CONFIG
export AWS_CONFIG_FILE="$work/aws-config"

seconds() { local start=$1 end=$2; echo "scale=3; ($end - $start) / 1000000000" | bc; }
check() { # every object's stored MD5 must be the local file's
  local prefix=$1 bad=0
  for f in "$work"/data/*.bin; do
    name=$(basename "$f")
    stored=$(cat "$work/store/bench/$prefix/$name._S3rver_object.md5")
    [ "$stored" = "$(md5sum "$f" | cut -d' ' -f1)" ] || bad=$((bad + 1))
  done
  echo "$bad"
}

echo "== audiocrawl upload (concurrency $concurrency, part size 16 MiB)"
start=$(date +%s%N)
$audiocrawl upload "$work/data" "s3://bench/audiocrawl/" --endpoint "$endpoint" --path-style --upload-concurrency "$concurrency" --part-size $((16 * 1024 * 1024)) > "$work/ac.out"
end=$(date +%s%N)
ac=$(seconds "$start" "$end")
echo "   $ac s, $(echo "scale=1; $total_mb / $ac" | bc) MB/s, $(check audiocrawl) objects differ from the local files"

echo "== audiocrawl upload again (nothing changed: size + SHA-256 compare only)"
start=$(date +%s%N)
$audiocrawl upload "$work/data" "s3://bench/audiocrawl/" --endpoint "$endpoint" --path-style --upload-concurrency "$concurrency" > "$work/ac2.out"
end=$(date +%s%N)
echo "   $(seconds "$start" "$end") s; $(grep -E 'unchanged' "$work/ac2.out" | tr -s ' ')"

echo "== $($aws --version 2>&1 | cut -d' ' -f1) s3 cp --recursive (max_concurrent_requests $concurrency, chunks 16 MB)"
start=$(date +%s%N)
$aws --endpoint-url "$endpoint" s3 cp --recursive --only-show-errors "$work/data" "s3://bench/awscli/"
end=$(date +%s%N)
aw=$(seconds "$start" "$end")
echo "   $aw s, $(echo "scale=1; $total_mb / $aw" | bc) MB/s, $(check awscli) objects differ from the local files"
