#!/usr/bin/env bash
# `npm test`: sets up like `npm start` (Node, dependencies, infrastructure), checks format, lint and
# types, builds, checks the message contracts (schema lock, docs/asyncapi.yaml), then runs every tier —
# unit, integration (real PostgreSQL, Kafka, RabbitMQ, Mosquitto, Keycloak) and e2e (booted services) —
# and ends with one summary line counting every test.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
started=$SECONDS
ensure_node
ensure_deps
"$ROOT/scripts/infra/infra.sh" up
cd "$ROOT"
rm -rf .cache/test-results && mkdir -p .cache/test-results
nx() { npx nx "$@" --outputStyle=static --skip-nx-cache; }

failed=()
step() { # name command...
  local name=$1 t=$SECONDS
  shift
  log "$name"
  if "$@"; then log "$name: ok ($((SECONDS - t)) s)"; else failed+=("$name"); warn "$name: FAILED"; fi
}
step "format" npx prettier --check . --log-level warn
step "lint + typecheck" nx run-many -t lint typecheck
step "build" nx run-many -t build
step "contracts check" node libs/contracts-tooling/dist/cli.js check
step "unit tests" nx run-many -t test
step "integration tests" nx run-many -t test-integration --parallel=1
step "e2e tests" nx run-many -t test-e2e --parallel=1

node scripts/test-summary.mjs .cache/test-results || failed+=("summary")
log "npm test took $((SECONDS - started)) s"
if [ ${#failed[@]} -gt 0 ]; then die "failed: ${failed[*]}"; fi
