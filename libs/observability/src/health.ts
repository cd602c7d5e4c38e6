import { Controller, Get, HttpStatus, Inject, Injectable, Res } from '@nestjs/common';

/** The bit of the HTTP response readiness needs; keeps this library free of the HTTP platform's types. */
interface StatusResponse {
  status(code: number): { json(body: unknown): void };
}

/** One dependency readiness depends on. `check` resolves when it really answered, rejects otherwise. */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<Record<string, unknown> | void>;
}

/**
 * The platform's own indicators (database, brokers), provided by the service kit. A service module that
 * owns a further dependency (erp-etl's MongoDB) adds its indicator with `HealthService.register`.
 */
export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');

export interface ComponentHealth {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
  [detail: string]: unknown;
}

export interface ReadinessReport {
  status: 'ok' | 'error';
  components: Record<string, ComponentHealth>;
}

const CHECK_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  private readonly indicators: HealthIndicator[];

  constructor(@Inject(HEALTH_INDICATORS) indicators: HealthIndicator[]) {
    this.indicators = [...indicators];
  }

  /** Readiness depends on this dependency too, from now on (a name already checked is refused). */
  register(indicator: HealthIndicator): void {
    if (this.indicators.some((i) => i.name === indicator.name))
      throw new Error(`a readiness check named ${indicator.name} is already registered`);
    this.indicators.push(indicator);
  }

  async readiness(): Promise<ReadinessReport> {
    const results = await Promise.all(this.indicators.map((i) => this.run(i)));
    const components = Object.fromEntries(results);
    const status = results.every(([, r]) => r.status === 'up') ? 'ok' : 'error';
    return { status, components };
  }

  private async run(indicator: HealthIndicator): Promise<[string, ComponentHealth]> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const details = await Promise.race([
        indicator.check(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
            CHECK_TIMEOUT_MS,
          );
        }),
      ]);
      return [indicator.name, { status: 'up', latencyMs: elapsed(started), ...(details ?? {}) }];
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return [indicator.name, { status: 'down', latencyMs: elapsed(started), error: message }];
    } finally {
      clearTimeout(timer);
    }
  }
}

const elapsed = (since: number) => Math.round(performance.now() - since);

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the event loop answers. Never depends on anything outside the process. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every dependency really answered just now; 503 with the failing ones otherwise. */
  @Get('ready')
  async ready(@Res() res: StatusResponse): Promise<void> {
    const report = await this.health.readiness();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
  }
}
