import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface ServiceEntry {
  port: number;
  database?: string;
  /** Service-specific variables; `${NAME}` takes NAME from deploy/local.env. */
  env?: Record<string, string>;
  /**
   * Further ports the service listens on, by the variable naming each (the sandbox's SMTP_PORT): these
   * numbers locally, a free port each under startService.
   */
  extraPorts?: Record<string, number>;
}

/** deploy/services.json: each service's HTTP port and, for platform services, its database name. */
export function localServices(repoRoot: string): Record<string, ServiceEntry> {
  return JSON.parse(readFileSync(join(repoRoot, 'deploy/services.json'), 'utf8')) as Record<
    string,
    ServiceEntry
  >;
}

/** deploy/local.env overlaid with the process environment (which wins). */
export function localInfraEnv(
  repoRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(join(repoRoot, 'deploy/local.env'), 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) out[m[1]] = env[m[1]] ?? m[2];
  }
  return out;
}

/**
 * The environment a service runs with on this machine (what `npm start` and the e2e tier give it):
 * loopback addresses from deploy/local.env, its ports, and its own database reached with its own role.
 */
export function localServiceEnv(
  repoRoot: string,
  service: string,
  overrides: { database?: string; port?: number; extraPorts?: Record<string, number> } = {},
): Record<string, string> {
  const entry = localServices(repoRoot)[service];
  if (!entry) throw new Error(`unknown service ${service} (not in deploy/services.json)`);
  const infra = localInfraEnv(repoRoot);
  const env: Record<string, string> = {
    PORT: String(overrides.port ?? entry.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  for (const [name, port] of Object.entries(entry.extraPorts ?? {})) {
    env[name] = String(overrides.extraPorts?.[name] ?? port);
  }
  if (entry.database) {
    const db = overrides.database ?? entry.database;
    const host = `${infra.POSTGRES_HOST}:${infra.POSTGRES_PORT}`;
    env.DATABASE_URL = `postgres://svc_${entry.database}:${entry.database}-dev@${host}/${db}`;
    env.KAFKA_BROKERS = infra.KAFKA_BROKERS;
    env.RABBITMQ_URL = infra.RABBITMQ_URL;
  }
  for (const [name, value] of Object.entries(entry.env ?? {})) {
    // ${PORT} is the service's own port (its public webhook address names it).
    env[name] = value.replace(/\$\{([A-Z0-9_]+)\}/g, (_, v: string) =>
      v === 'PORT' ? env.PORT : (infra[v] ?? ''),
    );
  }
  return env;
}

/**
 * A service's environment in docker-compose.yml as compose resolves it with nothing set (`${VAR:-default}`
 * is its default): what the service boots with under `docker compose up`.
 */
export function composeServiceEnv(repoRoot: string, service: string): Record<string, string> {
  const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string | number | boolean> }>;
  };
  const entry = compose.services[service];
  if (!entry) throw new Error(`unknown service ${service} (not in docker-compose.yml)`);
  return Object.fromEntries(
    Object.entries(entry.environment ?? {}).map(([k, v]) => [
      k,
      String(v).replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1'),
    ]),
  );
}
