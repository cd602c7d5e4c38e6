import { HttpException, HttpStatus, Injectable, ServiceUnavailableException } from '@nestjs/common';

export interface FaultSettings {
  /** Every call fails with 503. */
  down: boolean;
  /** Share of calls (0–1) that fail with 503. */
  errorRate: number;
  /** Added before answering. */
  latencyMs: number;
  /** Every webhook is delivered twice, same event id. */
  duplicateWebhooks: boolean;
  /**
   * The vendor processes the request but its answer never arrives (held past 30 s, then the connection
   * is cut): the ambiguous outcome a client must resolve with its idempotency key, not by guessing.
   */
  timeout: boolean;
  /** Webhooks are held ~300 ms and those of one payment delivered newest first. */
  reorderWebhooks: boolean;
  /**
   * Every call is refused with 429 and `Retry-After` (nothing processed): the vendor's rate limit. SMTP
   * has no 429: its server refuses MAIL FROM with `454 4.7.0` instead (see SmtpSandboxServer).
   */
  tooManyRequests: boolean;
  /** The `Retry-After` of those 429s (SMTP: named in the reply text), in seconds. */
  retryAfterSeconds: number;
  /**
   * Every call is refused with 403 and this reason (nothing processed): Google's quota refusals
   * (`rateLimitExceeded`, `userRateLimitExceeded`), which carry no `Retry-After`. Other vendors answer
   * it as a plain 403 in their shape.
   */
  quotaExceeded: 'rateLimitExceeded' | 'userRateLimitExceeded' | null;
  /**
   * When set, the faults meet only the vendor's next `calls` calls; then they switch themselves off
   * (a burst of 429s a client must ride out, rather than an outage it must wait for).
   */
  calls: number | null;
}

const NONE: FaultSettings = {
  down: false,
  errorRate: 0,
  latencyMs: 0,
  duplicateWebhooks: false,
  timeout: false,
  reorderWebhooks: false,
  tooManyRequests: false,
  retryAfterSeconds: 1,
  quotaExceeded: null,
  calls: null,
};

/** A vendor's rate limit: 429, whose `Retry-After` the faults interceptor sets on the response. */
export class TooManyRequestsFault extends HttpException {
  constructor(
    vendor: string,
    readonly retryAfterSeconds: number,
  ) {
    super(
      { error: 'rate_limited', message: `${vendor} rate limit reached (sandbox fault)` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Google's 403 quota refusal; each Google filter writes `reason` into its `errors[]`. */
export class QuotaExceededFault extends HttpException {
  constructor(
    vendor: string,
    readonly reason: 'rateLimitExceeded' | 'userRateLimitExceeded',
  ) {
    super({ error: 'quota_exceeded', reason, message: `${vendor} quota exceeded (sandbox fault)` }, 403);
  }
}

/** Faults switched on per simulated vendor through the admin API, applied on each vendor call. */
@Injectable()
export class FaultsService {
  private readonly faults = new Map<string, FaultSettings>();

  set(vendor: string, settings: Partial<FaultSettings>): FaultSettings {
    const next = { ...this.get(vendor), ...settings };
    this.faults.set(vendor, next);
    return next;
  }

  get(vendor: string): FaultSettings {
    return this.faults.get(vendor) ?? NONE;
  }

  clear(): void {
    this.faults.clear();
  }

  /**
   * What a vendor call meets first: waits the latency, then maybe fails like an outage (503) or a
   * rate limit (429, TooManyRequestsFault) would.
   */
  async apply(vendor: string): Promise<void> {
    const f = this.get(vendor);
    if (f.calls !== null) {
      if (f.calls <= 1) this.faults.delete(vendor);
      else this.faults.set(vendor, { ...f, calls: f.calls - 1 });
    }
    if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
    if (f.tooManyRequests) throw new TooManyRequestsFault(vendor, f.retryAfterSeconds);
    if (f.quotaExceeded) throw new QuotaExceededFault(vendor, f.quotaExceeded);
    if (f.down || Math.random() < f.errorRate) {
      throw new ServiceUnavailableException({
        error: 'vendor_unavailable',
        message: `${vendor} is unavailable (sandbox fault)`,
      });
    }
  }
}
