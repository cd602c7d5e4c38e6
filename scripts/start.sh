#!/usr/bin/env bash
# `npm start`: brings the repo's Node, dependencies and local infrastructure up, builds every project,
# starts every service (migrating its database on boot) and the partner sandbox, and says where to look.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
started=$SECONDS
ensure_node
ensure_deps
"$ROOT/scripts/infra/infra.sh" up
log "building"
(cd "$ROOT" && npx nx run-many -t build --outputStyle=static >/dev/null) || die "build failed: npx nx run-many -t build"
log "starting services"
node "$ROOT/scripts/services.mjs" start
node "$ROOT/scripts/services.mjs" status
set -a; . "$ROOT/deploy/local.env"; set +a
cat <<EOT

Sport Tech Club platform is up ($((SECONDS - started)) s).
  API gateway        http://127.0.0.1:3000        (/health/ready, /metrics)
  partner sandbox    http://127.0.0.1:3100
  Keycloak           $KEYCLOAK_URL/admin   (admin / admin; realm $KEYCLOAK_REALM)
  service logs       .cache/run/<service>.log
  infrastructure     npm run infra:status
  stop               npm stop   (services; \`npm run infra:down\` stops Kafka and Keycloak)
EOT
