import type { Transaction } from '@sportclub/service-kit';
import type { Consent, Preferences } from '../../domain/preferences';

/** Members' notification settings, consent log and push devices. */
export interface PreferencesRepositoryPort {
  /** The member's settings with each channel's latest consent, or undefined when never set. */
  find(tx: Transaction, tenantId: string, memberId: string): Promise<Preferences | undefined>;
  /** Locks the member's row first (concurrent changes apply one after the other). */
  findForUpdate(tx: Transaction, tenantId: string, memberId: string): Promise<Preferences | undefined>;
  /**
   * Writes the settings; appends the consents that are not yet in the log; keeps exactly the push
   * devices given.
   */
  save(tx: Transaction, tenantId: string, before: Preferences | undefined, after: Preferences): Promise<void>;
  /** The members of the club whose phone this is (E.164). */
  membersWithPhone(tx: Transaction, tenantId: string, phone: string): Promise<string[]>;
  /** A member with this phone wrote on WhatsApp at `at`: their customer-service window is open 24 h. */
  openWhatsAppWindow(tx: Transaction, tenantId: string, phone: string, at: Date): Promise<void>;
  /** Every consent the member gave or withdrew, oldest first (LGPD: the controller proves consent). */
  consentHistory(tx: Transaction, tenantId: string, memberId: string): Promise<Consent[]>;
  /** Erases the member's settings, consent log and devices, answering how many rows of each. */
  erase(
    tx: Transaction,
    tenantId: string,
    memberId: string,
  ): Promise<{ preferences: number; consents: number; pushDevices: number }>;
  /**
   * Members of the club who consented to at least one channel, ordered by id, after `after`: an
   * announcement's segment a page at a time (only those of `memberIds` when given).
   */
  consentingMembers(
    tx: Transaction,
    tenantId: string,
    q: { memberIds?: string[]; after?: string; limit: number },
  ): Promise<string[]>;
  countConsentingMembers(tx: Transaction, tenantId: string, memberIds?: string[]): Promise<number>;
  /** Forgets a push token FCM no longer knows (whoever's it was). */
  removePushToken(tx: Transaction, tenantId: string, token: string): Promise<void>;
}

export const PREFERENCES_REPOSITORY = Symbol('PREFERENCES_REPOSITORY');
