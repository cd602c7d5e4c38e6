#!/usr/bin/env bash
# `npm run ops -- ...`: builds what the operator CLI loads (quietly, cached by Nx), then runs it.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
ensure_node
ensure_deps
cd "$ROOT"
if ! out="$(npx nx run-many -t build -p messaging testing 2>&1)"; then
  printf '%s\n' "$out" >&2
  die "build failed"
fi
exec node scripts/ops.mjs "$@"
