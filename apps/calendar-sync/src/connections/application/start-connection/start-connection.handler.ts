import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { GOOGLE_GRANT, type GoogleGrantPort } from '../../../shared/application/ports/google.port';
import { secretHash } from '../../../shared/domain/secrets';
import { STATE_TTL_MS } from '../../domain/connection';
import {
  CONNECTIONS_REPOSITORY,
  type ConnectionsRepositoryPort,
  type PendingConsent,
} from '../ports/connections.repository.port';

/**
 * Starts a connection: a 256-bit random `state` bound to the user who asked and the calendar they
 * connect (kept as its hash, usable once within 10 minutes — OAuth 2.0 CSRF protection, RFC 6749
 * §10.12), and Google's consent URL carrying it.
 */
@Injectable()
export class StartConnectionHandler {
  constructor(
    @Inject(CONNECTIONS_REPOSITORY) private readonly connections: ConnectionsRepositoryPort,
    @Inject(GOOGLE_GRANT) private readonly google: GoogleGrantPort,
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
  ) {}

  async execute(
    consent: PendingConsent,
    loginHint?: string,
  ): Promise<{ authorizationUrl: string; expiresAt: string }> {
    const state = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + STATE_TTL_MS);
    await this.transactions.run((tx) =>
      this.connections.saveState(tx, secretHash(state), consent, expiresAt),
    );
    return {
      authorizationUrl: this.google.authorizationUrl({ state, scope: consent.scope, loginHint }),
      expiresAt: expiresAt.toISOString(),
    };
  }
}
