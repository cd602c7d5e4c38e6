-- One database and one login role per service; a role connects to its own database only.
-- Run by scripts/infra/infra.sh (native) and by the postgres container's init (docker-compose.yml).
-- Idempotent. Keep in step with deploy/services.json (a unit test checks they agree).
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', 'svc_' || db, db || '-dev')
FROM unnest(ARRAY['access_gateway', 'payments', 'notifications', 'calendar_sync', 'video', 'iot_bridge', 'erp_etl']) AS db
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'svc_' || db)\gexec

SELECT format('CREATE DATABASE %I OWNER %I', db, 'svc_' || db)
FROM unnest(ARRAY['access_gateway', 'payments', 'notifications', 'calendar_sync', 'video', 'iot_bridge', 'erp_etl']) AS db
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = db)\gexec

SELECT format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', db)
FROM unnest(ARRAY['access_gateway', 'payments', 'notifications', 'calendar_sync', 'video', 'iot_bridge', 'erp_etl']) AS db\gexec
