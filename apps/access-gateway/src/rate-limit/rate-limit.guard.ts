import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Principal } from '@sportclub/auth';
import { isPublicRoute } from '../auth/auth.guard';

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
 * security boundary. A public route's anonymous callers are counted by the path they ask for (hashed:
 * it holds a secret) against the member limit, and by their address against the club limit.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimit');

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(RATE_LIMITS) private readonly limits: RateLimits,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ principal?: Principal; path: string; ip?: string }>();
    const res = ctx.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>();
    const counters = this.counters(ctx, req);
    if (!counters) return true;
    let hit;
    try {
      hit = await this.store.hit(
        counters.map((c) => c.key),
        this.limits.windowSec,
      );
    } catch (error) {
      this.logger.warn(`rate limit store unavailable, request let through: ${(error as Error).message}`);
      return true;
    }
    const over = counters.find((c, i) => hit.counts[i] > c.limit);
    if (!over) return true;
    res.setHeader('Retry-After', String(hit.resetSec));
    throw new HttpException(
      {
        error: 'rate_limited',
        reason: `too many requests for this ${over.name}; retry in ${hit.resetSec} s`,
        limit: over.limit,
        windowSec: this.limits.windowSec,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  /** What a request counts against: its member and club, or a public route's path and client address. */
  private counters(
    ctx: ExecutionContext,
    req: { principal?: Principal; path: string; ip?: string },
  ): { name: string; key: string; limit: number }[] | undefined {
    const { keyPrefix: prefix, perMember, perTenant } = this.limits;
    const p = req.principal;
    if (p) {
      return [
        { name: 'member', key: `${prefix}:m:${p.tenantId}:${p.subject}`, limit: perMember },
        { name: 'club', key: `${prefix}:t:${p.tenantId}`, limit: perTenant },
      ];
    }
    // Not the API (health, webhooks), or AuthGuard let no one through.
    if (ctx.getType() !== 'http' || !isPublicRoute(this.reflector, ctx)) return undefined;
    const path = createHash('sha256').update(req.path).digest('base64url');
    return [
      { name: 'URL', key: `${prefix}:p:${path}`, limit: perMember },
      { name: 'client address', key: `${prefix}:a:${req.ip ?? 'unknown'}`, limit: perTenant },
    ];
  }
}
