import { ConfigError, loadConfig, requiredVariables, serviceConfigSchema } from './config';

const valid = {
  PORT: '3001',
  DATABASE_URL: 'postgres://svc_payments:pw@127.0.0.1:5432/payments',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.2:9092',
  RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
};

describe('service configuration', () => {
  it('parses a complete environment with types and defaults', () => {
    expect(loadConfig(serviceConfigSchema, valid)).toMatchObject({
      PORT: 3001,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.2:9092'],
      DB_MIGRATE_ON_BOOT: true,
    });
  });

  it('names every missing variable, not just the first', () => {
    const { DATABASE_URL: _db, RABBITMQ_URL: _mq, ...partial } = valid;
    const error = captureConfigError(() => loadConfig(serviceConfigSchema, partial));
    expect(error.problems).toEqual([
      { variable: 'DATABASE_URL', reason: 'is required but not set' },
      { variable: 'RABBITMQ_URL', reason: 'is required but not set' },
    ]);
    expect(error.message).toContain('DATABASE_URL: is required but not set');
  });

  it('says why a present variable is wrong', () => {
    const error = captureConfigError(() =>
      loadConfig(serviceConfigSchema, { ...valid, PORT: '70000', DATABASE_URL: 'mysql://x@y/z' }),
    );
    expect(error.problems.map((p) => p.variable)).toEqual(['PORT', 'DATABASE_URL']);
    expect(error.problems.every((p) => p.reason !== 'is required but not set')).toBe(true);
  });

  it('lists what a deployment must set: the variables with no default', () => {
    expect(requiredVariables(serviceConfigSchema).sort()).toEqual([
      'DATABASE_URL',
      'KAFKA_BROKERS',
      'PORT',
      'RABBITMQ_URL',
    ]);
  });
});

function captureConfigError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
