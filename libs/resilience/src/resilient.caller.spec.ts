import { setTimeout as delay } from 'node:timers/promises';
import { metricsRegistry } from '@sportclub/observability';
import { CallTimeoutError, CircuitOpenError } from './resilience.errors';
import { ResilientCaller, type CircuitStateChange, type ResilientCallerOptions } from './resilient.caller';

const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

let seq = 0;
const key = (operation = 'op', tenant = 'tenant-a') => ({ vendor: `vendor-${++seq}`, tenant, operation });

const callers: ResilientCaller[] = [];
function caller(options: ResilientCallerOptions = {}): ResilientCaller {
  const created = new ResilientCaller({
    timeoutMs: 1_000,
    retries: 0,
    volumeThreshold: 3,
    errorThresholdPercentage: 50,
    resetTimeoutMs: 60_000,
    sleep: async () => undefined,
    ...options,
  });
  callers.push(created);
  return created;
}
afterEach(() => callers.splice(0).forEach((c) => c.shutdown()));

async function sample(
  name: string,
  labels: Record<string, string>,
  series = name,
): Promise<number | undefined> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) throw new Error(`metric ${name} is not registered`);
  const { values } = await metric.get();
  return values.find(
    (v) =>
      ((v as { metricName?: string }).metricName ?? name) === series &&
      Object.entries(labels).every(([label, value]) => v.labels[label] === value),
  )?.value;
}

async function failTimes(
  resilient: ResilientCaller,
  k: ReturnType<typeof key>,
  times: number,
  error: unknown,
) {
  for (let i = 0; i < times; i++) {
    await expect(resilient.call(k, async () => Promise.reject(error))).rejects.toBe(error);
  }
}

describe('ResilientCaller retries', () => {
  it('retries a retriable error up to `retries` times, then surfaces the last error', async () => {
    const sleeps: number[] = [];
    const resilient = caller({ retries: 2, volumeThreshold: 100, sleep: async (ms) => void sleeps.push(ms) });
    const errors = [httpError(503), httpError(502), httpError(500)];
    let calls = 0;
    const fn = jest.fn(async () => Promise.reject(errors[calls++]));
    const k = key('charge');

    await expect(resilient.call(k, fn)).rejects.toBe(errors[2]);
    expect(fn).toHaveBeenCalledTimes(3);
    expect(sleeps).toHaveLength(2);
    expect(await sample('vendor_call_retries_total', { vendor: k.vendor, operation: 'charge' })).toBe(2);
    expect(
      await sample(
        'vendor_call_duration_seconds',
        { vendor: k.vendor, outcome: 'failure' },
        'vendor_call_duration_seconds_count',
      ),
    ).toBe(3);
  });

  it('returns the result once a retry succeeds', async () => {
    const resilient = caller({ retries: 3 });
    const fn = jest.fn(async () => {
      if (fn.mock.calls.length < 3) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      return 'ok';
    });
    await expect(resilient.call(key(), fn)).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('does not retry a 4xx, nor count it against the breaker', async () => {
    const resilient = caller({ retries: 3, volumeThreshold: 1, errorThresholdPercentage: 1 });
    const declined = Object.assign(new Error('card_declined'), { statusCode: 402 });
    const k = key();
    const fn = jest.fn(async () => Promise.reject(declined));

    for (let i = 0; i < 5; i++) await expect(resilient.call(k, fn)).rejects.toBe(declined);
    expect(fn).toHaveBeenCalledTimes(5);
    expect(resilient.breakerState(k.vendor, k.tenant)).toBe('closed');
    expect(await sample('vendor_call_retries_total', { vendor: k.vendor })).toBeUndefined();
  });

  it('spaces retries with exponential, capped, jittered backoff from the injected sources', async () => {
    const sleeps: number[] = [];
    const resilient = caller({
      retries: 5,
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      volumeThreshold: 100,
      random: () => 0.5,
      sleep: async (ms) => void sleeps.push(ms),
    });
    await expect(resilient.call(key(), async () => Promise.reject(httpError(503)))).rejects.toThrow(
      'HTTP 503',
    );
    expect(sleeps).toEqual([50, 100, 200, 400, 500]);
  });

  it('honours a custom isRetriable', async () => {
    const resilient = caller({ retries: 2, isRetriable: (e) => (e as Error).message === 'again' });
    const fn = jest.fn(async () => Promise.reject(new Error('again')));
    await expect(resilient.call(key(), fn)).rejects.toThrow('again');
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it("takes one call's isRetriable over the caller's", async () => {
    const resilient = caller({ retries: 2 });
    const fn = jest.fn(async () => Promise.reject(httpError(500)));
    await expect(resilient.call(key(), fn, { isRetriable: () => false })).rejects.toThrow('HTTP 500');
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('ResilientCaller timeout', () => {
  it('aborts the attempt signal, rejects with CallTimeoutError and counts a breaker failure', async () => {
    const resilient = caller({ timeoutMs: 20, volumeThreshold: 1 });
    const k = key('slow');
    let seen: AbortSignal | undefined;
    const hang = (signal: AbortSignal) => {
      seen = signal;
      return new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    };

    const error = await resilient.call(k, hang).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallTimeoutError);
    expect(error).toMatchObject({ vendor: k.vendor, operation: 'slow', timeoutMs: 20 });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBe(error);
    expect(resilient.breakerState(k.vendor, k.tenant)).toBe('open');
    expect(
      await sample(
        'vendor_call_duration_seconds',
        { vendor: k.vendor, outcome: 'timeout' },
        'vendor_call_duration_seconds_count',
      ),
    ).toBe(1);
  });

  it('leaves the signal untouched when the call finishes in time', async () => {
    const resilient = caller({ timeoutMs: 50 });
    let seen: AbortSignal | undefined;
    await expect(resilient.call(key(), async (signal) => ((seen = signal), 42))).resolves.toBe(42);
    await delay(70);
    expect(seen?.aborted).toBe(false);
  });
});

describe('ResilientCaller circuit breaker', () => {
  it('opens after the threshold, then fails fast without calling fn', async () => {
    const resilient = caller({ volumeThreshold: 3 });
    const k = key('refund');

    await failTimes(resilient, k, 2, httpError(503));
    expect(resilient.breakerState(k.vendor, k.tenant)).toBe('closed');
    await failTimes(resilient, k, 1, httpError(503));
    expect(resilient.breakerState(k.vendor, k.tenant)).toBe('open');

    const fn = jest.fn(async () => 'never');
    const error = await resilient.call(k, fn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({ vendor: k.vendor, tenant: k.tenant });
    expect(fn).not.toHaveBeenCalled();
    expect(
      await sample(
        'vendor_call_duration_seconds',
        { vendor: k.vendor, outcome: 'rejected' },
        'vendor_call_duration_seconds_count',
      ),
    ).toBe(1);
    expect(await sample('circuit_breaker_state', { vendor: k.vendor, tenant: k.tenant })).toBe(2);
  });

  it('stops retrying as soon as the breaker rejects, whatever isRetriable says', async () => {
    const sleep = jest.fn(async () => undefined);
    const resilient = caller({ retries: 5, volumeThreshold: 2, isRetriable: () => true, sleep });
    const fn = jest.fn(async () => Promise.reject(httpError(500)));
    await expect(resilient.call(key(), fn)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it('half-opens after resetTimeout and closes on a successful trial, emitting each transition', async () => {
    const events: CircuitStateChange[] = [];
    const resilient = caller({
      volumeThreshold: 1,
      resetTimeoutMs: 50,
      onStateChange: (e) => events.push(e),
    });
    const k = key();
    const gauge = () => sample('circuit_breaker_state', { vendor: k.vendor, tenant: k.tenant });

    expect(await gauge()).toBeUndefined();
    await failTimes(resilient, k, 1, httpError(503));
    expect(resilient.breakerState(k.vendor, k.tenant)).toBe('open');
    expect(await gauge()).toBe(2);

    await delay(80);
    expect(resilient.breakerState(k.vendor, k.tenant)).toBe('halfOpen');
    expect(await gauge()).toBe(1);

    await expect(resilient.call(k, async () => 'back')).resolves.toBe('back');
    expect(resilient.breakerState(k.vendor, k.tenant)).toBe('closed');
    expect(await gauge()).toBe(0);

    expect(events.map(({ from, to }) => `${from}->${to}`)).toEqual([
      'closed->open',
      'open->halfOpen',
      'halfOpen->closed',
    ]);
    expect(events.every((e) => e.vendor === k.vendor && e.tenant === k.tenant && e.at instanceof Date)).toBe(
      true,
    );
  });

  it('re-opens when the half-open trial fails', async () => {
    const resilient = caller({ volumeThreshold: 1, resetTimeoutMs: 30 });
    const k = key();
    await failTimes(resilient, k, 1, httpError(503));
    await delay(50);
    expect(resilient.breakerState(k.vendor, k.tenant)).toBe('halfOpen');
    await failTimes(resilient, k, 1, httpError(503));
    expect(resilient.breakerState(k.vendor, k.tenant)).toBe('open');
  });

  it('keeps breakers per tenant: one tenant open does not block another', async () => {
    const resilient = caller({ volumeThreshold: 2 });
    const a = key('sync', 'tenant-a');
    const b = { ...a, tenant: 'tenant-b' };

    await failTimes(resilient, a, 2, httpError(503));
    const fn = jest.fn(async () => 'ok');
    await expect(resilient.call(a, fn)).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(resilient.call(b, fn)).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(resilient.breakerState(a.vendor, 'tenant-a')).toBe('open');
    expect(resilient.breakerState(b.vendor, 'tenant-b')).toBe('closed');
  });

  it('survives a throwing state listener', async () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const resilient = caller({
        volumeThreshold: 1,
        onStateChange: () => {
          throw new Error('listener bug');
        },
      });
      const k = key();
      await failTimes(resilient, k, 1, httpError(503));
      expect(resilient.breakerState(k.vendor, k.tenant)).toBe('open');
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ message: 'listener bug' }));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('ResilientCaller metrics and lifecycle', () => {
  it('lets several callers share the process registry', () => {
    expect(() => [caller(), caller()]).not.toThrow();
  });

  it('records successful attempts per vendor and operation, without tenant', async () => {
    const resilient = caller();
    const k = key('send-sms');
    await resilient.call(k, async () => 'sid');
    await resilient.call({ ...k, tenant: 'tenant-z' }, async () => 'sid');
    const labels = { vendor: k.vendor, operation: 'send-sms', outcome: 'success' };
    expect(await sample('vendor_call_duration_seconds', labels, 'vendor_call_duration_seconds_count')).toBe(
      2,
    );
    const { values } = await metricsRegistry.getSingleMetric('vendor_call_duration_seconds')!.get();
    expect(values.some((v) => 'tenant' in v.labels)).toBe(false);
  });

  it('shutdown stops the breakers, drops their gauges and rejects later calls', async () => {
    const resilient = caller();
    const k = key();
    await resilient.call(k, async () => 1);
    expect(await sample('circuit_breaker_state', { vendor: k.vendor, tenant: k.tenant })).toBe(0);

    resilient.shutdown();
    expect(await sample('circuit_breaker_state', { vendor: k.vendor, tenant: k.tenant })).toBeUndefined();
    const fn = jest.fn(async () => 1);
    await expect(resilient.call(k, fn)).rejects.toThrow('shut down');
    expect(fn).not.toHaveBeenCalled();
  });
});
