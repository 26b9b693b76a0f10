# Sourced by the audio benchmarks (audio-download.sh, pipeline.sh): a work folder nginx can read, removed on exit
# with the nginx they start (stopped by its pid), and the Debian packages they need installed when missing.
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
