import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import {
  applyChange,
  defaultPreferences,
  type Preferences,
  type PreferencesChange,
} from '../../domain/preferences';
import { PREFERENCES_REPOSITORY, type PreferencesRepositoryPort } from '../ports/preferences.repository.port';

/**
 * Changes a member's settings (the member in the app, or staff at the desk). The row is locked, so two
 * changes at once apply one after the other; a field that cannot be kept throws InvalidPreferenceError
 * and nothing is written.
 */
@Injectable()
export class SetPreferencesHandler {
  constructor(@Inject(PREFERENCES_REPOSITORY) private readonly preferences: PreferencesRepositoryPort) {}

  async execute(
    tx: Transaction,
    tenantId: string,
    memberId: string,
    change: PreferencesChange,
    at = new Date(),
  ): Promise<Preferences> {
    const before = await this.preferences.findForUpdate(tx, tenantId, memberId);
    const after = applyChange(before ?? defaultPreferences(memberId), change, at);
    await this.preferences.save(tx, tenantId, before, after);
    return after;
  }
}
