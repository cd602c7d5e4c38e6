/**
 * The one path for outbound vendor calls. Each attempt runs under its own timeout (aborting the signal handed
 * to the HTTP client) inside an opossum breaker keyed by vendor AND tenant, so one tenant's broken account
 * never cuts off the others. Retries wrap the breaker: every attempt is a breaker fire, and an open breaker
 * fails fast with CircuitOpenError instead of being retried.
 *
 * Retries re-run `fn`: non-idempotent operations need an idempotency key (Stripe, Mercado Pago) or `retries: 0`.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import CircuitBreaker from 'opossum';
import {
  CallTimeoutError,
  CircuitOpenError,
  ResilienceError,
  isClientError,
  isTransientError,
} from './resilience.errors';
import { backoff } from './backoff';
import { resolvePolicy, type ResiliencePolicy } from './resilience.policy';
import { vendorMetrics, type CallOutcome } from './resilience.metrics';

export interface CallKey {
  vendor: string;
  tenant: string;
  operation: string;
}

export type CircuitState = 'closed' | 'open' | 'halfOpen';

export interface CircuitStateChange {
  vendor: string;
  tenant: string;
  from: CircuitState;
  to: CircuitState;
  at: Date;
}

export interface ResilientCallerOptions extends Partial<ResiliencePolicy> {
  /** Whether another attempt may help; default {@link isTransientError}. */
  isRetriable?: (error: unknown) => boolean;
  /** Whether an error counts against the breaker; default: everything except a 4xx client error. */
  isVendorFailure?: (error: unknown) => boolean;
  /** Called synchronously on every breaker transition; errors it throws become process warnings. */
  onStateChange?: (event: CircuitStateChange) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

type Attempt = () => Promise<unknown>;

interface Circuit {
  vendor: string;
  tenant: string;
  breaker: CircuitBreaker<[Attempt], unknown>;
  state: CircuitState;
}

const ROLLING_BUCKETS = 10;
const STATE_GAUGE: Record<CircuitState, number> = { closed: 0, halfOpen: 1, open: 2 };

export class ResilientCaller {
  readonly policy: ResiliencePolicy;
  private readonly circuits = new Map<string, Circuit>();
  private readonly metrics = vendorMetrics();
  // One bucket-rotation timer shared by all breakers instead of two intervals per vendor+tenant breaker.
  private readonly rotation = new EventEmitter().setMaxListeners(0);
  private readonly rotationTimer: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: ResilientCallerOptions = {}) {
    this.policy = resolvePolicy(options);
    this.rotationTimer = setInterval(
      () => this.rotation.emit('rotate'),
      this.policy.rollingCountTimeoutMs / ROLLING_BUCKETS,
    ).unref();
  }

  /**
   * Runs `fn` under the policy. `options.isRetriable` overrides the caller's classifier for this call
   * (e.g. a non-idempotent send that must not be re-run after a failure that may have reached the vendor).
   */
  async call<T>(
    key: CallKey,
    fn: (signal: AbortSignal) => Promise<T>,
    options: { isRetriable?: (error: unknown) => boolean } = {},
  ): Promise<T> {
    if (this.stopped) throw new ResilienceError('ResilientCaller has been shut down');
    const circuit = this.circuit(key.vendor, key.tenant);
    const isRetriable = options.isRetriable ?? this.options.isRetriable ?? isTransientError;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.attempt(circuit, key, fn)) as T;
      } catch (error) {
        const exhausted = attempt >= this.policy.retries;
        if (error instanceof CircuitOpenError || exhausted || !isRetriable(error)) throw error;
        this.metrics.retries.inc({ vendor: key.vendor, operation: key.operation });
        const delay = backoff(attempt + 1, {
          baseMs: this.policy.baseDelayMs,
          maxMs: this.policy.maxDelayMs,
          random: this.options.random,
        });
        await (this.options.sleep ?? sleep)(delay);
      }
    }
  }

  breakerState(vendor: string, tenant: string): CircuitState {
    const breaker = this.circuits.get(circuitId(vendor, tenant))?.breaker;
    if (breaker?.opened) return 'open';
    if (breaker?.halfOpen) return 'halfOpen';
    return 'closed';
  }

  /** Stops every breaker's timers and drops their gauge series; later calls are rejected. */
  shutdown(): void {
    this.stopped = true;
    clearInterval(this.rotationTimer);
    for (const { breaker, vendor, tenant } of this.circuits.values()) {
      breaker.shutdown();
      this.metrics.state.remove({ vendor, tenant });
    }
    this.circuits.clear();
  }

  private async attempt(circuit: Circuit, key: CallKey, fn: (signal: AbortSignal) => Promise<unknown>) {
    const end = this.metrics.duration.startTimer({ vendor: key.vendor, operation: key.operation });
    const record = (outcome: CallOutcome) => end({ outcome });
    try {
      const result = await circuit.breaker.fire(() => withTimeout(key, this.policy.timeoutMs, fn));
      record('success');
      return result;
    } catch (error) {
      if (isBreakerRejection(error)) {
        record('rejected');
        throw new CircuitOpenError(key.vendor, key.tenant);
      }
      record(error instanceof CallTimeoutError ? 'timeout' : 'failure');
      throw error;
    }
  }

  private circuit(vendor: string, tenant: string): Circuit {
    const id = circuitId(vendor, tenant);
    const existing = this.circuits.get(id);
    if (existing) return existing;

    const isVendorFailure = this.options.isVendorFailure ?? ((error: unknown) => !isClientError(error));
    const breaker = new CircuitBreaker((attempt: Attempt) => attempt(), {
      name: `${vendor}:${tenant}`,
      group: vendor,
      timeout: false, // enforced per attempt by withTimeout, which can abort that attempt's own signal
      errorThresholdPercentage: this.policy.errorThresholdPercentage,
      volumeThreshold: this.policy.volumeThreshold,
      resetTimeout: this.policy.resetTimeoutMs,
      rollingCountTimeout: this.policy.rollingCountTimeoutMs,
      rollingCountBuckets: ROLLING_BUCKETS,
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
      rotateBucketController: this.rotation,
      errorFilter: (error) => !isVendorFailure(error),
    });
    const circuit: Circuit = { vendor, tenant, breaker, state: 'closed' };
    const transition = (to: CircuitState) => () => this.transition(circuit, to);
    breaker.on('open', transition('open'));
    breaker.on('halfOpen', transition('halfOpen'));
    breaker.on('close', transition('closed'));

    this.metrics.state.set({ vendor, tenant }, STATE_GAUGE.closed);
    this.circuits.set(id, circuit);
    return circuit;
  }

  private transition(circuit: Circuit, to: CircuitState): void {
    const { vendor, tenant, state: from } = circuit;
    circuit.state = to;
    this.metrics.state.set({ vendor, tenant }, STATE_GAUGE[to]);
    try {
      this.options.onStateChange?.({ vendor, tenant, from, to, at: new Date() });
    } catch (error) {
      // Opossum emits mid-call; a throwing listener would otherwise leave the caller's promise unsettled.
      process.emitWarning(error as Error);
    }
  }
}

const circuitId = (vendor: string, tenant: string) => JSON.stringify([vendor, tenant]);

const isBreakerRejection = (error: unknown) =>
  error instanceof Error &&
  CircuitBreaker.isOurError(error) &&
  (error as { code?: string }).code === 'EOPENBREAKER';

function withTimeout<T>(
  key: CallKey,
  timeoutMs: number,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new CallTimeoutError(key.vendor, key.operation, timeoutMs);
      reject(error); // settle first, so the race reports the timeout rather than fn's reaction to the abort
      controller.abort(error);
    }, timeoutMs);
  });
  const run = Promise.resolve().then(() => fn(controller.signal));
  return Promise.race([run, deadline]).finally(() => clearTimeout(timer));
}
