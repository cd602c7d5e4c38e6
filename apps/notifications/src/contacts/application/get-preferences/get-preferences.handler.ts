import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { defaultPreferences, type Preferences } from '../../domain/preferences';
import { PREFERENCES_REPOSITORY, type PreferencesRepositoryPort } from '../ports/preferences.repository.port';

/** A member's settings; one who never set any has the defaults (and no consent). */
@Injectable()
export class GetPreferencesHandler {
  constructor(@Inject(PREFERENCES_REPOSITORY) private readonly preferences: PreferencesRepositoryPort) {}

  async execute(tx: Transaction, tenantId: string, memberId: string): Promise<Preferences> {
    return (await this.preferences.find(tx, tenantId, memberId)) ?? defaultPreferences(memberId);
  }
}
