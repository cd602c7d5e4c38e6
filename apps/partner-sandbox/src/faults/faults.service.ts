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
    if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
    if (f.tooManyRequests) throw new TooManyRequestsFault(vendor, f.retryAfterSeconds);
    if (f.down || Math.random() < f.errorRate) {
      throw new ServiceUnavailableException({
        error: 'vendor_unavailable',
        message: `${vendor} is unavailable (sandbox fault)`,
      });
    }
  }
}
