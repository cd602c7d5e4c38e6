import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Principal } from '@sportclub/auth';

/** A counter store: increments each key in its window, returning the counts and the seconds left. */
export interface RateLimitStore {
  hit(keys: string[], windowSec: number): Promise<{ counts: number[]; resetSec: number }>;
}
export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

export interface RateLimits {
  keyPrefix: string;
  perMember: number;
  perTenant: number;
  windowSec: number;
}
export const RATE_LIMITS = Symbol('RATE_LIMITS');

/**
 * Fixed-window limits per member and per club, counted in Redis so every gateway replica shares them.
 * Over either limit the request answers 429 with Retry-After; the work behind it is never started.
 * If Redis is unreachable requests pass (and it is logged): the limit protects capacity, it is not a
 * security boundary.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimit');

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(RATE_LIMITS) private readonly limits: RateLimits,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
    const res = ctx.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>();
    const p = req.principal;
    if (!p) return true; // AuthGuard runs first and rejects anonymous calls
    let hit;
    try {
      const prefix = this.limits.keyPrefix;
      hit = await this.store.hit(
        [`${prefix}:m:${p.tenantId}:${p.subject}`, `${prefix}:t:${p.tenantId}`],
        this.limits.windowSec,
      );
    } catch (error) {
      this.logger.warn(`rate limit store unavailable, request let through: ${(error as Error).message}`);
      return true;
    }
    const [member, tenant] = hit.counts;
    const over =
      member > this.limits.perMember ? 'member' : tenant > this.limits.perTenant ? 'club' : undefined;
    if (!over) return true;
    res.setHeader('Retry-After', String(hit.resetSec));
    throw new HttpException(
      {
        error: 'rate_limited',
        reason: `too many requests for this ${over}; retry in ${hit.resetSec} s`,
        limit: over === 'member' ? this.limits.perMember : this.limits.perTenant,
        windowSec: this.limits.windowSec,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
