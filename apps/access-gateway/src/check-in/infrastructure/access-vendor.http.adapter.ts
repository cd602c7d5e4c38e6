import { ResilientCaller } from '@sportclub/resilience';
import type { AccessVendorPort } from '../application/access-vendor.port';

class VendorHttpError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`access vendor answered ${status}: ${body.slice(0, 200)}`);
  }
}

/**
 * The access vendor's REST API (`POST /api/v1/access/checkin`), called through the resilience layer:
 * timeout, retries on transient errors (the call is idempotent per external_ref) and a breaker per
 * tenant.
 */
export class AccessVendorHttpAdapter implements AccessVendorPort {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly caller = new ResilientCaller({ timeoutMs: 3_000, retries: 2, baseDelayMs: 100 }),
  ) {}

  openCourt(r: { tenantId: string; memberId: string; courtId: string; externalRef: string }) {
    return this.caller.call(
      { vendor: 'access-vendor', tenant: r.tenantId, operation: 'checkin' },
      async (signal) => {
        const res = await fetch(`${this.baseUrl}/api/v1/access/checkin`, {
          method: 'POST',
          signal,
          headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ user_id: r.memberId, court_id: r.courtId, external_ref: r.externalRef }),
        });
        const text = await res.text();
        if (!res.ok) throw new VendorHttpError(res.status, text);
        return { sessionId: (JSON.parse(text) as { session_id: string }).session_id };
      },
    );
  }
}
