#!/usr/bin/env bash
# README's test command: installs what the tests need when something is missing (scripts/install-deps.sh does
# nothing when all is there), then runs every test of the solution. Extra arguments go to dotnet test
# (for example --filter "FullyQualifiedName~ExitCode").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
exec dotnet test AudioCrawl.sln "$@"
