import { z } from 'zod';
import { refusal, DomainError } from '@sportclub/service-kit';
import { CHANNELS, type Channel } from '../../shared/domain/channels';
import { isWritableLocale } from '../../shared/domain/locale';
import { isMobile, toE164 } from './phone';

export type ConsentSource = 'app' | 'whatsapp-reply' | 'staff';

/** LGPD: a channel's consent, with when and how it was given or withdrawn (art. 8: the controller proves it). */
export interface Consent {
  channel: Channel;
  granted: boolean;
  source: ConsentSource;
  recordedAt: string;
}

export interface PushDevice {
  token: string;
  registeredAt: string;
}

/** Quiet hours as wall-clock `HH:MM` in the member's time zone; may wrap midnight (22:00–07:00). */
export interface QuietHours {
  start: string;
  end: string;
}

/** How a member wants to be told things in one club. */
export interface Preferences {
  memberId: string;
  phone?: string;
  email?: string;
  channels: Channel[];
  locale: string;
  timeZone: string;
  quietHours?: QuietHours;
  consents: Consent[];
  pushDevices: PushDevice[];
  /**
   * Until when WhatsApp's 24-hour customer-service window is open (the member's last message + 24 h):
   * free-form text then; an approved template outside it. Not a setting: kept from inbound messages.
   */
  whatsappWindowUntil?: string;
}

/**
 * When the member's quiet hours end, if `now` falls inside them (read in the member's time zone; a
 * range may wrap midnight, 22:00–07:00); undefined outside them or without quiet hours.
 */
export function quietUntil(p: Preferences, now: Date): Date | undefined {
  if (!p.quietHours) return undefined;
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const [h, m] = new Intl.DateTimeFormat('en-GB', {
    timeZone: p.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(now)
    .split(':')
    .map(Number);
  const nowMin = h * 60 + m;
  const start = minutes(p.quietHours.start);
  const end = minutes(p.quietHours.end);
  const inside = start < end ? nowMin >= start && nowMin < end : nowMin >= start || nowMin < end;
  if (!inside) return undefined;
  const wait = (end - nowMin + 1440) % 1440;
  const until = new Date(now.getTime() + wait * 60_000);
  until.setUTCSeconds(0, 0);
  return until;
}

/** Whether a free-form WhatsApp message may be sent now. */
export function whatsappWindowOpen(p: Preferences, now: Date): boolean {
  return p.whatsappWindowUntil !== undefined && Date.parse(p.whatsappWindowUntil) > now.getTime();
}

/** A member who never set anything: pt-BR, São Paulo time, WhatsApp first — and no consent at all. */
export function defaultPreferences(memberId: string): Preferences {
  return {
    memberId,
    channels: ['whatsapp', 'push', 'email'],
    locale: 'pt-BR',
    timeZone: 'America/Sao_Paulo',
    consents: [],
    pushDevices: [],
  };
}

export interface PreferencesChange {
  source: ConsentSource;
  phone?: string | null;
  email?: string | null;
  channels?: Channel[];
  locale?: string;
  timeZone?: string;
  quietHours?: QuietHours | null;
  consents?: { channel: Channel; granted: boolean }[];
  addPushTokens?: string[];
  removePushTokens?: string[];
}

/** A field of a change that cannot be kept, named as the request names it. */
export class InvalidPreferenceError extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'invalid_preference';
  constructor(
    override readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

export class MemberNotFoundError extends refusal(
  'not-found',
  'member_not_found',
  'no notification settings for this member',
  'memberId',
) {}

const email = z.email();

/** The IANA name the runtime knows a time zone by (`utc` → `UTC`), or undefined when it knows none. */
function canonicalTimeZone(tz: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * The preferences after a change, or InvalidPreferenceError naming the first field that cannot be kept.
 * Only the fields given change; `null` removes a contact. A consent is recorded only when it changes,
 * stamped `at` with its source.
 */
export function applyChange(current: Preferences, change: PreferencesChange, at: Date): Preferences {
  const next: Preferences = {
    ...current,
    consents: [...current.consents],
    pushDevices: [...current.pushDevices],
  };
  if (change.phone !== undefined) {
    // WhatsApp's window belongs to the number that wrote.
    if (change.phone !== current.phone) delete next.whatsappWindowUntil;
    if (change.phone === null) delete next.phone;
    else {
      const e164 = toE164(change.phone);
      if (!e164) throw new InvalidPreferenceError('phone', 'is not a valid phone number');
      if (!isMobile(e164)) {
        throw new InvalidPreferenceError('phone', 'is a landline: WhatsApp and SMS need a mobile number');
      }
      next.phone = e164;
    }
  }
  if (change.email !== undefined) {
    if (change.email === null) delete next.email;
    else {
      const address = change.email.trim().toLowerCase();
      if (!email.safeParse(address).success)
        throw new InvalidPreferenceError('email', 'is not an e-mail address');
      next.email = address;
    }
  }
  if (change.channels !== undefined) {
    const unknown = change.channels.find((c) => !(CHANNELS as readonly string[]).includes(c));
    if (unknown) throw new InvalidPreferenceError('channels', `"${unknown}" is not a channel`);
    if (new Set(change.channels).size !== change.channels.length) {
      throw new InvalidPreferenceError('channels', 'names a channel twice');
    }
    next.channels = [...change.channels];
  }
  if (change.locale !== undefined) {
    if (!isWritableLocale(change.locale)) {
      throw new InvalidPreferenceError('locale', 'is not a locale this platform writes in (e.g. pt-BR, en)');
    }
    next.locale = change.locale;
  }
  if (change.timeZone !== undefined) {
    const timeZone = canonicalTimeZone(change.timeZone);
    if (!timeZone) {
      throw new InvalidPreferenceError('timeZone', 'is not an IANA time zone (e.g. America/Sao_Paulo)');
    }
    next.timeZone = timeZone;
  }
  if (change.quietHours !== undefined) {
    if (change.quietHours === null) delete next.quietHours;
    else {
      if (change.quietHours.start === change.quietHours.end) {
        throw new InvalidPreferenceError('quietHours', 'start and end are the same time');
      }
      next.quietHours = { ...change.quietHours };
    }
  }
  const consents = change.consents ?? [];
  if (new Set(consents.map((c) => c.channel)).size !== consents.length) {
    throw new InvalidPreferenceError('consents', 'names a channel twice');
  }
  for (const { channel, granted } of consents) {
    if (consentOf(next, channel) !== granted) {
      next.consents = next.consents.filter((c) => c.channel !== channel);
      next.consents.push({ channel, granted, source: change.source, recordedAt: at.toISOString() });
    }
  }
  const removed = new Set(change.removePushTokens ?? []);
  next.pushDevices = next.pushDevices.filter((d) => !removed.has(d.token));
  for (const token of change.addPushTokens ?? []) {
    if (!next.pushDevices.some((d) => d.token === token)) {
      next.pushDevices.push({ token, registeredAt: at.toISOString() });
    }
  }
  return next;
}

/** Whether the member consents to be told things on the channel (no record: no). */
export function consentOf(p: Preferences, channel: Channel): boolean {
  return p.consents.find((c) => c.channel === channel)?.granted === true;
}

/** Where the member can be reached on the channel, if anywhere. */
export function addressesOf(p: Preferences, channel: Channel): string[] {
  switch (channel) {
    case 'whatsapp':
    case 'sms':
      return p.phone ? [p.phone] : [];
    case 'email':
      return p.email ? [p.email] : [];
    case 'push':
      return p.pushDevices.map((d) => d.token);
  }
}

/** The channels to try, in the member's order: consented and with an address. */
export function reachableChannels(p: Preferences): Channel[] {
  return p.channels.filter((c) => consentOf(p, c) && addressesOf(p, c).length > 0);
}

/** What the member and staff see: push tokens only by their last characters. */
export function publicView(p: Preferences) {
  return {
    memberId: p.memberId,
    ...(p.phone && { phone: p.phone }),
    ...(p.email && { email: p.email }),
    channels: p.channels,
    locale: p.locale,
    timeZone: p.timeZone,
    ...(p.quietHours && { quietHours: p.quietHours }),
    consents: p.consents,
    pushDevices: p.pushDevices.map((d) => ({ tokenSuffix: d.token.slice(-6), registeredAt: d.registeredAt })),
  };
}
