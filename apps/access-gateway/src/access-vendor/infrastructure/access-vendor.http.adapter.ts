import { ResilientCaller } from '@sportclub/resilience';
import type { AccessVendorPort } from '../application/ports/access-vendor.port';

export class VendorHttpError extends Error {
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
    private readonly http: typeof fetch = fetch,
  ) {}

  async openCourt(r: { tenantId: string; memberId: string; courtId: string; externalRef: string }) {
    const body = await this.post(r.tenantId, 'checkin', {
      user_id: r.memberId,
      court_id: r.courtId,
      external_ref: r.externalRef,
    });
    return { sessionId: (body as { session_id: string }).session_id };
  }

  async closeSession(r: { tenantId: string; sessionId: string }) {
    const body = (await this.post(r.tenantId, 'checkout', { session_id: r.sessionId })) as {
      consumption_total?: unknown;
    };
    const total = Number(body.consumption_total ?? 0);
    return { consumptionCentavos: Number.isInteger(total) && total > 0 ? total : 0 };
  }

  private post(tenant: string, operation: 'checkin' | 'checkout', body: unknown): Promise<unknown> {
    return this.caller.call({ vendor: 'access-vendor', tenant, operation }, async (signal) => {
      const res = await this.http(`${this.baseUrl}/api/v1/access/${operation}`, {
        method: 'POST',
        signal,
        headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new VendorHttpError(res.status, text);
      return JSON.parse(text) as unknown;
    });
  }
}
