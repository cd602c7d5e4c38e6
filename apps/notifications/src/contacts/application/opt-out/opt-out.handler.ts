import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { Channel } from '../../../shared/domain/channels';
import { PREFERENCES_REPOSITORY, type PreferencesRepositoryPort } from '../ports/preferences.repository.port';
import { SetPreferencesHandler } from '../set-preferences/set-preferences.handler';

/**
 * A member withdrew consent by replying an opt-out word (`SAIR`, `STOP`) from their phone: the channel's
 * consent is withdrawn for every member of the club with that number, recorded as `whatsapp-reply` with
 * the time. Answers the members it applied to (none when the club does not know the number).
 */
@Injectable()
export class OptOutHandler {
  constructor(
    @Inject(PREFERENCES_REPOSITORY) private readonly preferences: PreferencesRepositoryPort,
    private readonly setPreferences: SetPreferencesHandler,
  ) {}

  async execute(
    tx: Transaction,
    tenantId: string,
    phone: string,
    channel: Channel,
    at: Date,
  ): Promise<string[]> {
    const members = await this.preferences.membersWithPhone(tx, tenantId, phone);
    for (const memberId of members) {
      await this.setPreferences.execute(
        tx,
        tenantId,
        memberId,
        { source: 'whatsapp-reply', consents: [{ channel, granted: false }] },
        at,
      );
    }
    return members;
  }
}
