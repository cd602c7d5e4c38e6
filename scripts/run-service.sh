#!/usr/bin/env bash
# `npm run service -- <name>`: builds one service (and the libs it uses) and runs it in the foreground
# with the local environment. Infrastructure must be up (npm run infra:up).
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
[ $# -eq 1 ] || die "usage: npm run service -- <service>   (see deploy/services.json)"
ensure_node
ensure_deps
cd "$ROOT"
npx nx run-many -t build -p "$1" testing --outputStyle=static >/dev/null || die "build of $1 failed: npx nx build $1"
exec node scripts/services.mjs run "$1"
