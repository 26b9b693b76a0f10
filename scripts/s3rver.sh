#!/usr/bin/env bash
# Runs the test S3 server (s3rver, from npm, installed into tests/.s3rver) in the foreground:
#   scripts/s3rver.sh <directory> [port (0 = free port)] [bucket...]
# It prints "listening <port>" when ready. Installs s3rver on first use when install-deps.sh has not.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/tests/.s3rver"
if [ ! -d "$here/node_modules/s3rver" ]; then
  npm install --prefix "$here" --no-audit --no-fund --silent >&2
fi
exec node "$here/start.js" "$@"
