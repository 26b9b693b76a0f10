#!/usr/bin/env bash
# Benchmark of the standalone downloader ('audiocrawl download') against a local nginx serving a few thousand
# small audio files, compared with running ffmpeg alone over the same files with the same parallelism.
# Not a test: it prints figures. Usage: bench/audio-download.sh [FILES] [PORT]
# Needs ffmpeg and nginx (installed with apt-get when missing), python3 and the .NET SDK.
set -euo pipefail
files=${1:-2000}
port=${2:-18089}
root=$(cd "$(dirname "$0")/.." && pwd)
bench_name=audiocrawl-bench
# shellcheck source=bench/audio-common.sh
. "$root/bench/audio-common.sh"

echo "== generating $files files in $work/www"
mkdir -p "$work/www/audio"
# Eight distinct 2-second sources (mp3, ogg, wav at different pitches), copied under distinct names.
formats=(mp3 ogg wav mp3 ogg mp3 wav ogg)
for i in $(seq 0 7); do
  ffmpeg -nostdin -loglevel error -y -f lavfi -i "sine=frequency=$((300 + i * 55)):duration=2:sample_rate=44100" -ac 2 "$work/src$i.${formats[$i]}"
done
echo "url,text" > "$work/pairs.csv"
for n in $(seq 1 "$files"); do
  i=$((n % 8))
  ext=${formats[$i]}
  cp "$work/src$i.$ext" "$work/www/audio/$n.$ext"
  echo "http://127.0.0.1:$port/audio/$n.$ext,sine tone number $n" >> "$work/pairs.csv"
done
total_bytes=$(du -sb "$work/www/audio" | cut -f1)
echo "   $(numfmt --to=iec "$total_bytes") of audio"

serve_www "$port" 2 off "audio/1.${formats[1]}"
build_cli
cores=$(nproc)

now() { date +%s.%N; }
rate() { python3 -c "import sys; n,t=float(sys.argv[1]),float(sys.argv[2]); print(f'{n/t:.1f}')" "$1" "$2"; }

echo "== audiocrawl download ($cores transcode workers, 32 downloads in flight)"
start=$(now)
dotnet "$cli" download "$work/pairs.csv" -o "$work/shards" --download-concurrency 32 --per-host 32 --transcode-workers "$cores" --log-level warning
end=$(now)
download_seconds=$(python3 -c "print(f'{$end - $start:.2f}')")

echo "== ffmpeg alone over the same files ($cores at once)"
mkdir -p "$work/ffmpeg-out"
start=$(now)
find "$work/www/audio" -type f -print0 | xargs -0 -P "$cores" -I{} sh -c 'ffmpeg -nostdin -loglevel error -y -i "$1" -vn -c:a flac -ar 48000 -ac 1 "$2/$(basename "$1").flac"' _ {} "$work/ffmpeg-out"
end=$(now)
ffmpeg_seconds=$(python3 -c "print(f'{$end - $start:.2f}')")

echo "== ffprobe + ffmpeg + ffprobe alone (the downloader's data check) over the same files ($cores at once)"
start=$(now)
find "$work/www/audio" -type f -print0 | xargs -0 -P "$cores" -I{} sh -c 'ffprobe -v error -show_format -show_streams -of json "$1" >/dev/null && ffmpeg -nostdin -loglevel error -y -i "$1" -vn -c:a flac -ar 48000 -ac 1 "$2/$(basename "$1").flac" && ffprobe -v error -show_format -show_streams -of json "$2/$(basename "$1").flac" >/dev/null' _ {} "$work/ffmpeg-out"
end=$(now)
checked_seconds=$(python3 -c "print(f'{$end - $start:.2f}')")

packed=$(python3 -c "import json,sys; print(sum(json.load(open(sys.argv[1])).values()))" "$work/shards/sizes.json")
mb=$(python3 -c "print(f'{$total_bytes/1e6:.1f}')")
echo
echo "| run | files | seconds | files/s | MB/s |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| audiocrawl download (fetch + check + flac 48 kHz mono + shards) | $packed | $download_seconds | $(rate "$packed" "$download_seconds") | $(rate "$mb" "$download_seconds") |"
echo "| ffmpeg alone (convert only) | $files | $ffmpeg_seconds | $(rate "$files" "$ffmpeg_seconds") | $(rate "$mb" "$ffmpeg_seconds") |"
echo "| ffprobe + ffmpeg + ffprobe alone (same work per file as the downloader) | $files | $checked_seconds | $(rate "$files" "$checked_seconds") | $(rate "$mb" "$checked_seconds") |"
echo
echo "cores: $cores; input: $files files, $mb MB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
