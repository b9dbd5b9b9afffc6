#!/usr/bin/env bash
# Runs the test suite with every core kept busy by another process, the way a
# shared CI machine can be: a test that passes only on an idle machine fails
# here. Usage: bash scripts/test-under-load.sh [vitest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
busy=()
for _ in $(seq 1 "$(nproc)"); do
  (while :; do :; done) &
  busy+=("$!")
done
trap 'kill "${busy[@]}" 2>/dev/null || true' EXIT
npx vitest run "$@"
