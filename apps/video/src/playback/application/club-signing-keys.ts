import { Inject, Injectable, Logger } from '@nestjs/common';
import { AesGcmSealer, TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import {
  VIDEO_PLATFORM,
  type SigningKey,
  type VideoPlatformPort,
} from '../../shared/application/ports/video-platform.port';
import { PLAYBACK_REPOSITORY, type PlaybackRepositoryPort } from './ports/playback.repository.port';

export const SIGNING_KEY_SEALER = Symbol('SIGNING_KEY_SEALER');

const binding = (tenantId: string) => `video-signing-key/${tenantId}`;

/**
 * Each club's Mux signing key: made at the vendor the first time the club's playback is asked for, its
 * private key kept sealed (AES-256-GCM, bound to the club). Two replicas making one at once keep the
 * first stored; the other's key is deleted at the vendor.
 */
@Injectable()
export class ClubSigningKeys {
  private readonly logger = new Logger('Playback');

  constructor(
    @Inject(PLAYBACK_REPOSITORY) private readonly playback: PlaybackRepositoryPort,
    @Inject(VIDEO_PLATFORM) private readonly platform: VideoPlatformPort,
    @Inject(SIGNING_KEY_SEALER) private readonly sealer: AesGcmSealer,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
  ) {}

  async of(tenantId: string): Promise<SigningKey> {
    const stored = await this.tx.run((tx) => this.playback.signingKey(tx, tenantId));
    if (stored) return this.open(tenantId, stored);
    const made = await this.platform.createSigningKey(tenantId);
    const sealed = this.sealer.seal(Buffer.from(made.privateKey), binding(tenantId));
    if (await this.tx.run((tx) => this.playback.insertSigningKey(tx, tenantId, made.keyId, sealed)))
      return made;
    await this.platform
      .deleteSigningKey(tenantId, made.keyId)
      .catch((e: Error) => this.logger.warn(`signing key ${made.keyId} left at Mux: ${e.message}`));
    return this.of(tenantId);
  }

  private open(tenantId: string, stored: { keyId: string; sealed: Parameters<AesGcmSealer['open']>[0] }) {
    return { keyId: stored.keyId, privateKey: this.sealer.open(stored.sealed, binding(tenantId)).toString() };
  }
}
