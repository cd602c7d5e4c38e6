import { startService } from './service-process';

// `expect` is the Jest global: this module is only ever called from tests, and importing
// @jest/globals would make the package unusable to the local launcher (scripts/services.mjs).
/**
 * The e2e contract every service keeps: it boots from its build, answers /health/live, reports ready
 * only with each of its dependencies really answering (and, for platform services, its RabbitMQ command
 * queue consumed), serves Prometheus metrics (with its outbox lag), logs JSON lines, and exits cleanly on
 * SIGTERM.
 */
export async function expectServiceLifecycle(name: string, dependencies: string[]): Promise<void> {
  const service = await startService(name);
  try {
    const live = await fetch(`${service.url}/health/live`);
    expect(live.status).toBe(200);

    const ready = await fetch(`${service.url}/health/ready`);
    const report = (await ready.json()) as {
      status: string;
      components: Record<string, Record<string, unknown>>;
    };
    expect(ready.status).toBe(200);
    expect(Object.keys(report.components).sort()).toEqual([...dependencies].sort());
    for (const dependency of dependencies) expect(report.components[dependency].status).toBe('up');
    if (report.components.rabbitmq) expect(report.components.rabbitmq.consumers).toBeGreaterThanOrEqual(1);

    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/^process_cpu_user_seconds_total \d/m);
    if (report.components.database) {
      // The outbox exists (migrated at boot) and its relay's lag is measured from the real table.
      expect(metrics).toMatch(/^outbox_pending_rows \d+$/m);
      expect(metrics).toMatch(/^outbox_oldest_pending_age_seconds \d/m);
    }

    const lines = service
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ service: name });
  } finally {
    const exit = await service.stop();
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(service.output()).not.toMatch(/"level":(50|60)/);
  }
}
