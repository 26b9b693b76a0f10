#!/usr/bin/env bash
# Resident memory with a large frontier, on disk (--job-dir, SQLite) and in memory. Not a test: prints figures.
# Usage: bench/frontier-memory.sh [requests]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000000}"
dotnet build -c Release bench/FrontierMemory -v quiet -nologo >/dev/null
dll=bench/FrontierMemory/bin/Release/net10.0/FrontierMemory.dll
for kind in disk memory; do
  dotnet "$dll" "$kind" "$count"
done
