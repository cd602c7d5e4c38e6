#!/usr/bin/env bash
# Runs a command with the repo's pinned Node (see .node-version) first on PATH.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
ensure_node
exec "$@"
