import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import {
  PREFERENCES_REPOSITORY,
  type PreferencesRepositoryPort,
} from '../../../contacts/application/ports/preferences.repository.port';
import { defaultPreferences, publicView } from '../../../contacts/domain/preferences';
import type { Kind } from '../../../templates/domain/templates';
import {
  DELIVERIES_REPOSITORY,
  type DeliveriesRepositoryPort,
} from '../../../deliveries/application/ports/deliveries.repository.port';

/** The most deliveries an export lists (newest first); finished ones go after DELIVERY_RETENTION_DAYS. */
const EXPORTED_DELIVERIES = 10_000;

/**
 * Everything notifications keeps about a member (LGPD art. 18, access and portability): settings,
 * every consent given or withdrawn, and the deliveries with their channel and status.
 */
@Injectable()
export class ExportMemberDataHandler {
  constructor(
    @Inject(PREFERENCES_REPOSITORY) private readonly preferences: PreferencesRepositoryPort,
    @Inject(DELIVERIES_REPOSITORY) private readonly deliveries: DeliveriesRepositoryPort,
  ) {}

  /** `kinds`: only deliveries of these (a v1 caller knows only v1's). */
  async execute(tx: Transaction, tenantId: string, memberId: string, kinds?: readonly Kind[]) {
    const p = (await this.preferences.find(tx, tenantId, memberId)) ?? defaultPreferences(memberId);
    return {
      preferences: publicView(p),
      consentHistory: await this.preferences.consentHistory(tx, tenantId, memberId),
      deliveries: (await this.deliveries.list(tx, tenantId, { memberId, limit: EXPORTED_DELIVERIES, kinds }))
        .deliveries,
    };
  }
}
