#!/usr/bin/env bash
# The fault suite: crawls the sample sound library through a loopback fault proxy (drops, resets, stalls, slow,
# stalled and truncated bodies, 5xx) while SIGKILLing and SIGSTOP/SIGCONTing the crawler, restarting Redis under a
# shared crawl and filling a tmpfs under the output; each scenario must end with the CSV (and shards) of an
# uninterrupted run. See docs/resilience.md.
#
#   bench/faults.sh --short                     # the CI form (also a test: dotnet test --filter Category=Faults)
#   bench/faults.sh --iterations 50             # the soak
#   bench/faults.sh --seed 1234 --scenarios kill   # replay what a failure printed
#   bench/faults.sh --help                      # every option
#
# Needs redis-server and ffmpeg (scripts/install-deps.sh) and root for the full-disk scenario, which mounts a tmpfs
# (skipped without root; AUDIOCRAWL_NO_MOUNT=1 skips it on a machine that cannot mount).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dotnet build "$root/tests/AudioCrawl.FaultSuite" -c Release -nologo -v quiet >/dev/null
exec dotnet "$root/tests/AudioCrawl.FaultSuite/bin/Release/net10.0/AudioCrawl.FaultSuite.dll" "$@"
