import { HealthService, type HealthIndicator } from './health';

const indicator = (name: string, check: HealthIndicator['check']): HealthIndicator => ({ name, check });

describe('readiness', () => {
  it('is ok only when every dependency answered, with each one reported', async () => {
    const health = new HealthService([
      indicator('database', async () => ({ database: 'payments' })),
      indicator('kafka', async () => undefined),
    ]);
    const report = await health.readiness();
    expect(report.status).toBe('ok');
    expect(report.components.database).toMatchObject({ status: 'up', database: 'payments' });
    expect(report.components.kafka.status).toBe('up');
  });

  it('also asks a dependency a service module registered, once per name', async () => {
    const health = new HealthService([indicator('database', async () => undefined)]);
    health.register(indicator('mongodb', async () => ({ database: 'erp_etl' })));
    expect(() => health.register(indicator('mongodb', async () => undefined))).toThrow(/already registered/);
    const report = await health.readiness();
    expect(Object.keys(report.components)).toEqual(['database', 'mongodb']);
    expect(report.components.mongodb).toMatchObject({ status: 'up', database: 'erp_etl' });
  });

  it('reports the failing dependency and its reason', async () => {
    const health = new HealthService([
      indicator('database', async () => undefined),
      indicator('rabbitmq', async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:5672');
      }),
    ]);
    const report = await health.readiness();
    expect(report.status).toBe('error');
    expect(report.components.rabbitmq).toMatchObject({
      status: 'down',
      error: 'connect ECONNREFUSED 127.0.0.1:5672',
    });
    expect(report.components.database.status).toBe('up');
  });

  it('counts a dependency that does not answer in time as down', async () => {
    jest.useFakeTimers();
    try {
      const health = new HealthService([indicator('kafka', () => new Promise(() => undefined))]);
      const pending = health.readiness();
      await jest.advanceTimersByTimeAsync(3_001);
      const report = await pending;
      expect(report.components.kafka).toMatchObject({ status: 'down', error: 'no answer within 3000 ms' });
    } finally {
      jest.useRealTimers();
    }
  });
});
