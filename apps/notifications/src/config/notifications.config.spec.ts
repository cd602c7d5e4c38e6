import { randomBytes } from 'node:crypto';
import { composeServiceEnv, localServiceEnv, repoRoot } from '@sportclub/testing';
import { ConfigError, loadConfig } from '@sportclub/service-kit';
import { notificationsConfigSchema } from './notifications.config';

const b64 = (bytes: number) => randomBytes(bytes).toString('base64');
const base = {
  PORT: '3002',
  DATABASE_URL: 'postgres://svc_notifications:notifications-dev@127.0.0.1:5432/notifications',
  KAFKA_BROKERS: '127.0.0.1:9092',
  RABBITMQ_URL: 'amqp://127.0.0.1:5672',
  PUBLIC_WEBHOOK_BASE_URL: 'http://127.0.0.1:3002',
  REDIS_URL: 'redis://127.0.0.1:6379',
  CREDENTIALS_KEYS: `k1:${b64(32)}`,
};

const problems = (env: Record<string, string | undefined>) => {
  try {
    loadConfig(notificationsConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('notifications config: CREDENTIALS_KEYS', () => {
  it('reads the keys in order (the first encrypts), trimming spaces around entries', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const config = loadConfig(notificationsConfigSchema, {
      ...base,
      CREDENTIALS_KEYS: ` 2026-06:${a.toString('base64')} , 2025-12:${b.toString('base64')}`,
    });
    expect(config.CREDENTIALS_KEYS).toEqual([
      { id: '2026-06', key: a },
      { id: '2025-12', key: b },
    ]);
  });

  it('is required, and says so by name', () => {
    expect(problems({ ...base, CREDENTIALS_KEYS: undefined })).toEqual([
      { variable: 'CREDENTIALS_KEYS', reason: 'is required but not set' },
    ]);
  });

  it.each([
    ['a key of 16 bytes', `short:${b64(16)}`, 'entry 1 of 1: key "short" is 16 bytes, not 32 (AES-256)'],
    ['a key of 33 bytes', `long:${b64(33)}`, 'entry 1 of 1: key "long" is 33 bytes, not 32 (AES-256)'],
    ['an entry without an id', b64(32), 'entry 1 of 1: is not <keyId>:<base64 of 32 bytes>'],
    ['a key that is not base64', 'k1:not*base64!', 'entry 1 of 1: is not <keyId>:<base64 of 32 bytes>'],
    ['an empty entry', `k1:${b64(32)},`, 'entry 2 of 2: is not <keyId>:<base64 of 32 bytes>'],
    ['an id used twice', `k1:${b64(32)},k1:${b64(32)}`, 'entry 2 of 2: key id "k1" is listed twice'],
  ])('refuses %s at boot, naming the variable and the entry', (_label, value, reason) => {
    const found = problems({ ...base, CREDENTIALS_KEYS: value });
    expect(found).toHaveLength(1);
    expect(found[0].variable).toBe('CREDENTIALS_KEYS');
    expect(found[0].reason).toContain(reason);
  });

  it('never repeats key material in a refusal', () => {
    const material = b64(16);
    const [problem] = problems({ ...base, CREDENTIALS_KEYS: `k1:${b64(32)},k2:${material}` });
    expect(problem.reason).toBe('entry 2 of 2: key "k2" is 16 bytes, not 32 (AES-256)');
    expect(problem.reason).not.toContain(material);
  });

  it('boots with the local (deploy/services.json) and docker-compose settings', () => {
    const root = repoRoot();
    // LOG_LEVEL comes from the test runner's environment; the service's own settings are what count.
    const local = { ...localServiceEnv(root, 'notifications'), LOG_LEVEL: 'info' };
    expect(loadConfig(notificationsConfigSchema, local).CREDENTIALS_KEYS).toHaveLength(1);

    const env = composeServiceEnv(root, 'notifications');
    expect(loadConfig(notificationsConfigSchema, env).CREDENTIALS_KEYS).toHaveLength(1);
  });
});
