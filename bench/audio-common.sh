# Sourced by the audio benchmarks (audio-download.sh, pipeline.sh): a work folder nginx can read, removed on exit
# with the nginx they start (stopped by its pid), the Debian packages they need installed when missing, and the
# two steps both take: serving $work/www with nginx, building the CLI.
work=$(mktemp -d "/tmp/${bench_name:-audiocrawl-bench}.XXXXXX")
chmod 755 "$work" # nginx workers run as an unprivileged user
nginx_pid=""

cleanup() {
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill "$nginx_pid"
    while kill -0 "$nginx_pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

need=()
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

# serve_www PORT WORKERS SENDFILE PROBE_PATH: nginx serves $work/www on 127.0.0.1:PORT; returns once PROBE_PATH answers.
serve_www() {
  local port=$1 workers=$2 sendfile=$3 probe=$4
  cat > "$work/nginx.conf" <<CONF
worker_processes $workers;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile $sendfile;
  types { audio/mpeg mp3; audio/ogg ogg; audio/wav wav; }
  server { listen 127.0.0.1:$port; root $work/www; }
}
CONF
  "$nginx_bin" -c "$work/nginx.conf" -p "$work" -g "daemon off;" &
  nginx_pid=$!
  for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/$probe" 2>/dev/null && break; sleep 0.1; done
}

# build_cli: a Release build of the CLI; sets $cli to its dll.
build_cli() {
  echo "== building audiocrawl (Release)"
  dotnet build "$root/src/AudioCrawl" -c Release -v quiet -nologo >/dev/null
  cli="$root/src/AudioCrawl/bin/Release/net10.0/audiocrawl.dll"
}
