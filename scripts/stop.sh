#!/usr/bin/env bash
# `npm stop`: stops the services `npm start` launched; infrastructure keeps running (npm run infra:down).
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
ensure_node
[ -f "$ROOT/libs/testing/dist/index.js" ] || { log "nothing built, nothing to stop"; exit 0; }
node "$ROOT/scripts/services.mjs" stop
