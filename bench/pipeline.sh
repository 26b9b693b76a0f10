#!/usr/bin/env bash
# The audio pipeline side by side with the script a user would write instead, pair by pair in one run:
#   (a) ffmpeg per file over the already-downloaded clips, 'xargs -P cores' (convert only: no download, no check);
#   (b) 'audiocrawl download' of the same clips from nginx on loopback (download + LAION check + FLAC 48 kHz mono +
#       WebDataset shards), batching on (the default);
#   (c) the same with --transcode-batch 1 (one ffmpeg process per file), to show what batching buys.
# for short (1 s), medium (30 s) and long (10 min) clips: samples/s, CPU-s (user + system, children included) and
# peak RSS (the largest single process: for (b)/(c) the .NET process or one of its ffmpeg children).
# Then ffmpeg file -> file against stdin -> stdout on the short clips (the pipes question).
# Not a test: it prints a markdown table. Usage: bench/pipeline.sh [SHORT] [MEDIUM] [LONG] [RUNS] [PORT]
# (defaults 400 40 4 1 18091); SIZES="long" (say) runs only those sizes.
# Needs ffmpeg and nginx (installed with apt-get when missing), python3 and the .NET SDK.
set -euo pipefail
short=${1:-400}
medium=${2:-40}
long=${3:-4}
runs=${4:-1}
port=${5:-18091}
root=$(cd "$(dirname "$0")/.." && pwd)
bench_name=audiocrawl-pipeline
# shellcheck source=bench/audio-common.sh
. "$root/bench/audio-common.sh"
cores=$(nproc)

# Distinct clips: a tone under pink noise (so FLAC has real work), 96 kbit/s stereo 44.1 kHz mp3, 8 sources per size
# copied under distinct names.
generate() { # NAME SECONDS COUNT
  local name=$1 seconds=$2 count=$3 sources=$(( $3 < 8 ? $3 : 8 ))
  mkdir -p "$work/www/$name" "$work/src"
  for i in $(seq 0 $((sources - 1))); do
    ffmpeg -nostdin -loglevel error -y -filter_complex \
      "sine=frequency=$((300 + i * 55)):duration=$seconds:sample_rate=44100,volume=0.5[a];anoisesrc=duration=$seconds:color=pink:amplitude=0.05:sample_rate=44100[b];[a][b]amix=inputs=2,aformat=channel_layouts=stereo" \
      -c:a libmp3lame -b:a 96k "$work/src/$name-$i.mp3"
  done
  echo "url,text" > "$work/$name.csv"
  for n in $(seq 1 "$count"); do
    cp "$work/src/$name-$((n % sources)).mp3" "$work/www/$name/$n.mp3"
    echo "http://127.0.0.1:$port/$name/$n.mp3,clip $n of $name" >> "$work/$name.csv"
  done
}
echo "== generating clips in $work/www: $short x 1 s, $medium x 30 s, $long x 600 s"
generate short 1 "$short"
generate medium 30 "$medium"
generate long 600 "$long"

serve_www "$port" 1 on "short/1.mp3"
build_cli

rows=()
# measure LABEL SIZE COUNT -- command...: wall, CPU and peak RSS from GNU time.
measure() {
  local label=$1 size=$2 count=$3; shift 4
  local timing="$work/time.txt"
  /usr/bin/time -f "%e %U %S %M" -o "$timing" "$@" >"$work/last.log" 2>&1 || { echo "$label failed:"; tail -5 "$work/last.log"; }
  read -r wall user sys rss < "$timing"
  local line
  line=$(python3 -c "import sys; l,s,n,w,u,y,r=sys.argv[1:]; n=int(n); w=float(w); print(f'| {s} | {l} | {n} | {w:.2f} | {n/w:.2f} | {float(u)+float(y):.1f} | {int(r)//1024} |')" \
    "$label" "$size" "$count" "$wall" "$user" "$sys" "$rss")
  rows+=("$line")
  echo "$line   (load $(cut -d' ' -f1-3 /proc/loadavg))"
}

for run in $(seq 1 "$runs"); do
  for size in ${SIZES:-short medium long}; do
    count=$(ls "$work/www/$size" | wc -l)
    rm -rf "$work/ffmpeg-out" "$work/shards" "$work/shards-1"; mkdir -p "$work/ffmpeg-out"
    measure "(a) ffmpeg per file, xargs -P $cores" "$size" "$count" -- sh -c \
      "find '$work/www/$size' -name '*.mp3' -print0 | xargs -0 -P $cores -I{} sh -c 'ffmpeg -nostdin -loglevel error -y -i \"\$1\" -ar 48000 -ac 1 -c:a flac \"\$2/\$(basename \"\$1\").flac\"' _ {} '$work/ffmpeg-out'"
    measure "(b) audiocrawl download" "$size" "$count" -- dotnet "$cli" download "$work/$size.csv" -o "$work/shards" \
      --download-concurrency 16 --per-host 16 --transcode-workers "$cores" --log-level warning
    packed=$(python3 -c "import json,sys; print(sum(json.load(open(sys.argv[1])).values()))" "$work/shards/sizes.json")
    [ "$packed" = "$count" ] || echo "   (b) packed $packed of $count"
    grep -E "finished in|ffmpeg  |stage waits" "$work/last.log" | sed 's/^/   (b) /'
    measure "(c) audiocrawl download --transcode-batch 1" "$size" "$count" -- dotnet "$cli" download "$work/$size.csv" -o "$work/shards-1" \
      --download-concurrency 16 --per-host 16 --transcode-workers "$cores" --transcode-batch 1 --log-level warning
    grep -E "finished in|ffmpeg  |stage waits" "$work/last.log" | sed 's/^/   (c) /'
  done
done

echo "== pipes: ffmpeg file -> file against stdin -> stdout, one after another over the short clips"
pipes=$(ls "$work/www/short" | head -200)
start=$(date +%s.%N)
for f in $pipes; do ffmpeg -nostdin -loglevel error -y -i "$work/www/short/$f" -ar 48000 -ac 1 -c:a flac "$work/ffmpeg-out/$f.flac"; done
middle=$(date +%s.%N)
for f in $pipes; do ffmpeg -loglevel error -f mp3 -i pipe:0 -ar 48000 -ac 1 -c:a flac -f flac pipe:1 < "$work/www/short/$f" > "$work/ffmpeg-out/$f.pipe.flac"; done
end=$(date +%s.%N)
python3 -c "import sys; a,b,c=map(float,sys.argv[1:4]); print(f'   file -> file {b-a:.2f} s, stdin -> stdout {c-b:.2f} s for {sys.argv[4]} clips')" "$start" "$middle" "$end" "$(echo "$pipes" | wc -l)"
python3 - "$work/ffmpeg-out/$(echo "$pipes" | head -1).pipe.flac" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read(26)
total = int.from_bytes(d[18:26], 'big') & 0xFFFFFFFFF
print(f"   STREAMINFO total samples of a FLAC written to a pipe: {total} (ffmpeg cannot seek back to fill it in)")
PY

echo
echo "| clips | run | samples | seconds | samples/s | CPU-s | peak RSS MB |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
echo
echo "cores: $cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
