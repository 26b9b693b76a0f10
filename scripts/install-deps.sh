#!/usr/bin/env bash
# Installs the Debian packages AudioCrawl's tests and tools use. Safe to run again: only missing packages are installed.
set -euo pipefail
packages=(python3 chromium redis-server ffmpeg yt-dlp)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# Node.js may come from another packaging that bundles npm (and conflicts with Debian's npm): install only what is missing.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The S3-compatible server the delivery tests start (s3rver, npm), kept inside the repository.
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$root/tests/.s3rver/node_modules/s3rver" ]; then
  npm install --prefix "$root/tests/.s3rver" --no-audit --no-fund
fi
