#!/usr/bin/env bash
# `npm run bench -- <suite>`: sets up like `npm start` does (Node, dependencies, infrastructure, build),
# then runs the suite. Nothing here is a test: the figures go to docs/benchmarks.md.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
ensure_node
ensure_deps
cd "$ROOT"
bash scripts/infra/infra.sh up >/dev/null || die "infrastructure did not come up (npm run infra:status)"
if ! out="$(npx nx run-many -t build 2>&1)"; then
  printf '%s\n' "$out" >&2
  die "build failed"
fi
exec node bench/run.mjs "$@"
