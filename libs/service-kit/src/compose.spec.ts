import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { localServices, repoRoot } from '@sportclub/testing';
import { httpConfigSchema, loadConfig, requiredVariables, serviceConfigSchema } from './config';

/**
 * Keeps docker-compose.yml, deploy/docker/Dockerfile and deploy/k8s honest against the native setup:
 * deploy/services.json, the config schemas, deploy/postgres/init-databases.sql and the versions pinned
 * for the native Kafka and Keycloak. No Docker is needed: the files are read and checked as data.
 */
const root = repoRoot();
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target: number; published?: string | number })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: unknown[];
}

const services = localServices(root);
// Compose resolves YAML merge keys (<<: *anchor); so must the test.
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const composeServices = compose.services;
const serviceNames = Object.keys(services);

/** The environment as the container sees it: list or map form, ${VAR:-default} resolved to its default. */
function environmentOf(service: ComposeService): Record<string, string> {
  const raw = service.environment ?? {};
  const entries: [string, string][] = Array.isArray(raw)
    ? raw.map((item) => {
        const i = item.indexOf('=');
        return i < 0 ? [item, ''] : [item.slice(0, i), item.slice(i + 1)];
      })
    : Object.entries(raw).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries.map(([k, v]) => [k, interpolate(v)]));
}

function interpolate(value: string): string {
  return value
    .replace(/\$\{[A-Z0-9_]+:?-([^}]*)\}/g, '$1')
    .replace(/\$\{[A-Z0-9_]+\}/g, '')
    .replace(/\$\$/g, '$');
}

/** Container ports published to the host, as "host:container" pairs. */
function publishedPorts(service: ComposeService): { host: number; container: number }[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') return { host: Number(p.published ?? p.target), container: Number(p.target) };
    const parts = String(p).split('/')[0].split(':');
    const container = Number(parts[parts.length - 1]);
    return { host: parts.length > 1 ? Number(parts[parts.length - 2]) : container, container };
  });
}

function dependsOn(service: ComposeService): Record<string, string | undefined> {
  const d = service.depends_on ?? {};
  return Array.isArray(d)
    ? Object.fromEntries(d.map((name) => [name, undefined]))
    : Object.fromEntries(Object.entries(d).map(([name, v]) => [name, v?.condition]));
}

function hasHealthcheck(service: ComposeService | undefined): boolean {
  const test = service?.healthcheck?.test;
  if (!test || service?.healthcheck?.disable) return false;
  return Array.isArray(test) ? test.length > 1 && test[0] !== 'NONE' : test.trim() !== '';
}

/** Database names in every ARRAY[...] of the init script (it repeats the list per statement). */
function initScriptDatabases(): string[][] {
  return [...read('deploy/postgres/init-databases.sql').matchAll(/ARRAY\[([^\]]*)\]/g)].map((m) =>
    [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]).sort(),
  );
}

describe('docker-compose.yml against deploy/services.json', () => {
  const databases = Object.values(services)
    .map((s) => s.database)
    .filter((d): d is string => Boolean(d))
    .sort();

  it.each(serviceNames)('%s is a compose service built from the shared Dockerfile', (name) => {
    const service = composeServices[name];
    expect(service).toBeDefined();
    expect(service.build?.context ?? '.').toBe('.');
    expect(service.build?.dockerfile).toBe('deploy/docker/Dockerfile');
    expect(service.build?.args?.SERVICE).toBe(name);
    expect(service.image).toBe(`sportclub/${name}:latest`);
    expect(publishedPorts(service)).toContainEqual({
      host: services[name].port,
      container: services[name].port,
    });
    expect(hasHealthcheck(service)).toBe(true);
    expect(JSON.stringify(service.healthcheck?.test)).toContain('/health/ready');
  });

  it.each(serviceNames)('%s gets every required variable, on its port and all interfaces', (name) => {
    const { port, database } = services[name];
    const schema = database ? serviceConfigSchema : httpConfigSchema;
    const env = environmentOf(composeServices[name] ?? {});
    for (const variable of requiredVariables(schema)) {
      expect({ [variable]: env[variable] }).toEqual({ [variable]: expect.any(String) });
    }
    expect(env.PORT).toBe(String(port));
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBeDefined();
    // The values themselves pass the service's own validation (what it does at boot).
    expect(() => loadConfig(schema, env)).not.toThrow();
  });

  it.each(serviceNames.filter((n) => services[n].database))(
    '%s connects to its own database with its own role',
    (name) => {
      const db = services[name].database as string;
      const url = new URL(environmentOf(composeServices[name]).DATABASE_URL);
      expect(url.protocol).toBe('postgres:');
      expect(url.username).toBe(`svc_${db}`);
      expect(url.password).toBe(`${db}-dev`);
      expect(url.pathname).toBe(`/${db}`);
    },
  );

  it('partner-sandbox owns no database and joins no broker', () => {
    const env = environmentOf(composeServices['partner-sandbox']);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.KAFKA_BROKERS).toBeUndefined();
    expect(env.RABBITMQ_URL).toBeUndefined();
  });

  it('init-databases.sql creates exactly the databases of services.json, with svc_<db> roles', () => {
    const lists = initScriptDatabases();
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) expect(list).toEqual(databases);
    const sql = read('deploy/postgres/init-databases.sql');
    expect(sql).toContain(`'svc_' || db`);
    expect(sql).toContain(`db || '-dev'`);
    const postgres = composeServices.postgres;
    expect(postgres?.image).toBe('postgres:15');
    expect(JSON.stringify(postgres?.volumes)).toContain(
      './deploy/postgres/init-databases.sql:/docker-entrypoint-initdb.d/',
    );
  });
});

describe('docker-compose.yml infrastructure', () => {
  it('every depends_on target exists and is waited for until healthy', () => {
    for (const [name, service] of Object.entries(composeServices)) {
      for (const [target, condition] of Object.entries(dependsOn(service))) {
        expect({ name, target, exists: target in composeServices }).toEqual({ name, target, exists: true });
        expect({ name, target, condition }).toEqual({ name, target, condition: 'service_healthy' });
        expect({ target, healthcheck: hasHealthcheck(composeServices[target]) }).toEqual({
          target,
          healthcheck: true,
        });
      }
    }
  });

  it('every infrastructure container has a healthcheck', () => {
    const infrastructure = Object.keys(composeServices).filter((n) => !(n in services));
    expect(infrastructure).toEqual(
      expect.arrayContaining([
        'postgres',
        'rabbitmq',
        'mosquitto',
        'redis',
        'kafka',
        'keycloak',
        'mongodb',
        'jaeger',
      ]),
    );
    for (const name of infrastructure) {
      expect({ name, healthcheck: hasHealthcheck(composeServices[name]) }).toEqual({
        name,
        healthcheck: true,
      });
    }
  });

  it.each(serviceNames)('the infrastructure %s points to exists, is healthy-checked and awaited', (name) => {
    const env = environmentOf(composeServices[name]);
    const hosts = [
      env.DATABASE_URL && new URL(env.DATABASE_URL).hostname,
      env.RABBITMQ_URL && new URL(env.RABBITMQ_URL).hostname,
      ...(env.KAFKA_BROKERS ? env.KAFKA_BROKERS.split(',').map((b) => b.trim().split(':')[0]) : []),
      env.OTEL_EXPORTER_OTLP_ENDPOINT && new URL(env.OTEL_EXPORTER_OTLP_ENDPOINT).hostname,
    ].filter((h): h is string => Boolean(h));
    if (services[name].database) expect(hosts).toEqual(['postgres', 'rabbitmq', 'kafka', 'jaeger']);
    const waits = dependsOn(composeServices[name]);
    for (const host of hosts) {
      expect({ host, healthcheck: hasHealthcheck(composeServices[host]) }).toEqual({
        host,
        healthcheck: true,
      });
      expect({ host, condition: waits[host] }).toEqual({ host, condition: 'service_healthy' });
    }
  });

  it('kafka creates no topic implicitly, as deploy/kafka/server.properties', () => {
    expect(read('deploy/kafka/server.properties')).toMatch(/^auto\.create\.topics\.enable=false$/m);
    const env = environmentOf(composeServices.kafka);
    expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(env.KAFKA_ADVERTISED_LISTENERS).toContain('//kafka:9092');
    expect(env.KAFKA_ADVERTISED_LISTENERS).toContain('//localhost:9092');
  });

  it('mongodb is a pinned MongoDB on the native port; erp-etl reaches it by MONGO_URL, as natively', () => {
    const mongodb = composeServices.mongodb;
    expect(mongodb?.image).toMatch(/^mongo:\d+\.\d+\.\d+$/);
    const native = new URL(/^MONGO_URL=(.+)$/m.exec(read('deploy/local.env'))?.[1] ?? '');
    expect(publishedPorts(mongodb)).toContainEqual({ host: Number(native.port), container: 27017 });
    expect(services['erp-etl'].env?.MONGO_URL).toBe('${MONGO_URL}');
    const url = new URL(environmentOf(composeServices['erp-etl']).MONGO_URL);
    expect(url.host).toBe('mongodb:27017');
    expect(url.pathname).toBe(native.pathname);
    expect(dependsOn(composeServices['erp-etl']).mongodb).toBe('service_healthy');
  });

  it('kafka and keycloak run the versions pinned for the native setup', () => {
    const kafka = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(read('deploy/kafka/pom.xml'))?.[1];
    const keycloak = /^KC_VERSION="([^"]+)"$/m.exec(read('scripts/infra/keycloak.sh'))?.[1];
    expect(kafka).toMatch(/^\d+\.\d+\.\d+$/);
    expect(keycloak).toMatch(/^\d+\.\d+\.\d+$/);
    expect(composeServices.kafka?.image).toBe(`apache/kafka:${kafka}`);
    expect(composeServices.keycloak?.image).toBe(`quay.io/keycloak/keycloak:${keycloak}`);
  });
});

describe('deploy/docker/Dockerfile', () => {
  const dockerfile = read('deploy/docker/Dockerfile');

  it('builds on the Node version of .node-version and takes the service as a build arg', () => {
    const nodeVersion = read('.node-version').trim();
    expect(dockerfile).toContain(`node:${nodeVersion}-`);
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(dockerfile).toContain('apps/$SERVICE/dist/main.js');
  });
});

describe('deploy/k8s', () => {
  const kustomization = parse(read('deploy/k8s/kustomization.yaml')) as { resources: string[] };

  it.each(serviceNames)('%s has a Deployment and a Service on its port', (name) => {
    const file = `${name}.yaml`;
    expect(kustomization.resources).toContain(file);
    const docs = parseAllDocuments(read(`deploy/k8s/${file}`)).map((d) => d.toJS());
    const deployment = docs.find((d) => d.kind === 'Deployment');
    const service = docs.find((d) => d.kind === 'Service');
    const container = deployment.spec.template.spec.containers[0];
    expect(deployment.spec.replicas).toBe(services[name].database ? 2 : 1);
    expect(container.image).toBe(`sportclub/${name}:latest`);
    expect(container.ports).toContainEqual({ name: 'http', containerPort: services[name].port });
    expect(container.env).toContainEqual({ name: 'PORT', value: String(services[name].port) });
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.startupProbe).toBeDefined();
    const names = (container.env as { name: string }[]).map((e) => e.name);
    expect(names.includes('DATABASE_URL')).toBe(Boolean(services[name].database));
    expect(service.spec.ports[0].port).toBe(services[name].port);
  });
});
