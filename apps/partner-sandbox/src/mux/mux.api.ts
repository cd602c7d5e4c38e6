import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { HttpRequest } from '../common/http.types';
import type { SandboxConfig } from '../config/sandbox.config';
import { VendorApi } from '../faults/vendor-faults.interceptor';
import { MuxExceptionFilter, muxUnauthorized } from './mux.errors';

/**
 * Mux's API authentication: HTTP Basic with an access token id and secret (what `new Mux({ tokenId,
 * tokenSecret })` sends). Anything else — no header, another pair, a Bearer authorization token (not
 * simulated) — is Mux's 401 `unauthorized`.
 */
@Injectable()
export class MuxAuthGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(SERVICE_CONFIG) config: SandboxConfig) {
    this.expected = Buffer.from(`${config.MUX_TOKEN_ID}:${config.MUX_TOKEN_SECRET}`);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const encoded = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const given = Buffer.from(encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '');
    if (given.length !== this.expected.length || !timingSafeEqual(given, this.expected)) {
      throw muxUnauthorized();
    }
    return true;
  }
}

/** What every Mux API controller is: Basic auth, the `mux` faults, Mux's error shape. */
export const MuxApi = () => VendorApi('mux', MuxAuthGuard, MuxExceptionFilter);
