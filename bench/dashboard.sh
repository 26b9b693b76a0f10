#!/usr/bin/env bash
# The dashboard benchmark: page loads of `audiocrawl serve` with a 100,000-request run in its history (a generated
# state directory and job directory), and a crawl's pages/s with and without a browser watching it live, measured
# side by side (alternating) in one run. Needs chromium (Debian package). Options are passed on:
#   --requests N --failures N --runs N --loads N --sounds N --rounds N
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/DashboardBench -c Release -nologo -v quiet >/dev/null
exec dotnet bench/DashboardBench/bin/Release/net10.0/DashboardBench.dll "$@"
