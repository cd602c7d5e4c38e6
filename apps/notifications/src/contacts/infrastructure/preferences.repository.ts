import { Injectable } from '@nestjs/common';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import type { Channel } from '../../shared/domain/channels';
import type { PreferencesRepositoryPort } from '../application/ports/preferences.repository.port';
import type { Consent, ConsentSource, Preferences } from '../domain/preferences';

interface Row {
  member_id: string;
  phone: string | null;
  email: string | null;
  channels: Channel[];
  locale: string;
  time_zone: string;
  quiet_start: string | null;
  quiet_end: string | null;
  whatsapp_window_until: string | null;
}

/** Members' settings in SQL (`member_preferences`, `consent_record`, `push_device`). */
@Injectable()
export class PreferencesRepository implements PreferencesRepositoryPort {
  find(tx: Transaction, tenantId: string, memberId: string) {
    return this.read(tx, tenantId, memberId, '');
  }

  findForUpdate(tx: Transaction, tenantId: string, memberId: string) {
    return this.read(tx, tenantId, memberId, 'FOR UPDATE');
  }

  private async read(tx: Transaction, tenantId: string, memberId: string, lock: string) {
    const [row] = await tx.query<Row[]>(
      `SELECT member_id, phone, email, channels, locale, time_zone, quiet_start, quiet_end,
         ${isoUtc('whatsapp_window_until')} AS whatsapp_window_until
       FROM member_preferences WHERE tenant_id = $1 AND member_id = $2 ${lock}`,
      [tenantId, memberId],
    );
    if (!row) return undefined;
    const consents = await tx.query<
      { channel: Channel; granted: boolean; source: ConsentSource; recorded_at: string }[]
    >(
      `SELECT DISTINCT ON (channel) channel, granted, source, ${isoUtc('recorded_at')} AS recorded_at
       FROM consent_record WHERE tenant_id = $1 AND member_id = $2 ORDER BY channel, id DESC`,
      [tenantId, memberId],
    );
    const devices = await tx.query<{ token: string; registered_at: string }[]>(
      `SELECT token, ${isoUtc('registered_at')} AS registered_at FROM push_device
       WHERE tenant_id = $1 AND member_id = $2 ORDER BY registered_at, token`,
      [tenantId, memberId],
    );
    const p: Preferences = {
      memberId: row.member_id,
      channels: row.channels,
      locale: row.locale,
      timeZone: row.time_zone,
      consents: consents.map((c) => ({
        channel: c.channel,
        granted: c.granted,
        source: c.source,
        recordedAt: c.recorded_at,
      })),
      pushDevices: devices.map((d) => ({ token: d.token, registeredAt: d.registered_at })),
    };
    if (row.phone) p.phone = row.phone;
    if (row.email) p.email = row.email;
    if (row.quiet_start && row.quiet_end) p.quietHours = { start: row.quiet_start, end: row.quiet_end };
    if (row.whatsapp_window_until) p.whatsappWindowUntil = row.whatsapp_window_until;
    return p;
  }

  async save(tx: Transaction, tenantId: string, before: Preferences | undefined, after: Preferences) {
    await tx.query(
      `INSERT INTO member_preferences
         (tenant_id, member_id, phone, email, channels, locale, time_zone, quiet_start, quiet_end, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (tenant_id, member_id) DO UPDATE SET
         whatsapp_window_until = CASE WHEN member_preferences.phone IS DISTINCT FROM $3 THEN NULL
           ELSE member_preferences.whatsapp_window_until END,
         phone = $3, email = $4, channels = $5, locale = $6,
         time_zone = $7, quiet_start = $8, quiet_end = $9, updated_at = now()`,
      [
        tenantId,
        after.memberId,
        after.phone ?? null,
        after.email ?? null,
        after.channels,
        after.locale,
        after.timeZone,
        after.quietHours?.start ?? null,
        after.quietHours?.end ?? null,
      ],
    );
    const known = new Set((before?.consents ?? []).map(key));
    const added = after.consents.filter((c) => !known.has(key(c)));
    if (added.length) {
      await tx.query(
        `INSERT INTO consent_record (tenant_id, member_id, channel, granted, source, recorded_at)
         SELECT $1, $2, c.channel, c.granted, c.source, c.recorded_at
         FROM jsonb_to_recordset($3::jsonb) AS c(channel text, granted boolean, source text, recorded_at timestamptz)`,
        [
          tenantId,
          after.memberId,
          JSON.stringify(
            added.map(({ channel, granted, source, recordedAt }) => ({
              channel,
              granted,
              source,
              recorded_at: recordedAt,
            })),
          ),
        ],
      );
    }
    const kept = after.pushDevices.map((d) => d.token);
    await tx.query(
      'DELETE FROM push_device WHERE tenant_id = $1 AND member_id = $2 AND NOT (token = ANY($3::text[]))',
      [tenantId, after.memberId, kept],
    );
    if (kept.length) {
      // A token moves to whoever registered it last (a phone handed to another member).
      await tx.query(
        `INSERT INTO push_device (tenant_id, token, member_id, registered_at)
         SELECT $1, d.token, $2, d.registered_at
         FROM jsonb_to_recordset($3::jsonb) AS d(token text, registered_at timestamptz)
         ON CONFLICT (tenant_id, token) DO UPDATE SET member_id = EXCLUDED.member_id
           WHERE push_device.member_id <> EXCLUDED.member_id`,
        [
          tenantId,
          after.memberId,
          JSON.stringify(after.pushDevices.map((d) => ({ token: d.token, registered_at: d.registeredAt }))),
        ],
      );
    }
  }

  async membersWithPhone(tx: Transaction, tenantId: string, phone: string) {
    const rows = await tx.query<{ member_id: string }[]>(
      'SELECT member_id FROM member_preferences WHERE tenant_id = $1 AND phone = $2 ORDER BY member_id',
      [tenantId, phone],
    );
    return rows.map((r) => r.member_id);
  }

  async openWhatsAppWindow(tx: Transaction, tenantId: string, phone: string, at: Date) {
    await tx.query(
      `UPDATE member_preferences SET whatsapp_window_until = GREATEST(whatsapp_window_until, $3::timestamptz + interval '24 hours')
       WHERE tenant_id = $1 AND phone = $2`,
      [tenantId, phone, at.toISOString()],
    );
  }

  async consentHistory(tx: Transaction, tenantId: string, memberId: string): Promise<Consent[]> {
    const rows = await tx.query<
      { channel: Channel; granted: boolean; source: ConsentSource; recorded_at: string }[]
    >(
      `SELECT channel, granted, source, ${isoUtc('recorded_at')} AS recorded_at FROM consent_record
       WHERE tenant_id = $1 AND member_id = $2 ORDER BY id`,
      [tenantId, memberId],
    );
    return rows.map((c) => ({
      channel: c.channel,
      granted: c.granted,
      source: c.source,
      recordedAt: c.recorded_at,
    }));
  }

  async erase(tx: Transaction, tenantId: string, memberId: string) {
    const count = async (sql: string) => {
      const [, affected] = await tx.query<[unknown[], number]>(sql, [tenantId, memberId]);
      return affected;
    };
    return {
      preferences: await count('DELETE FROM member_preferences WHERE tenant_id = $1 AND member_id = $2'),
      consents: await count('DELETE FROM consent_record WHERE tenant_id = $1 AND member_id = $2'),
      pushDevices: await count('DELETE FROM push_device WHERE tenant_id = $1 AND member_id = $2'),
    };
  }

  async consentingMembers(
    tx: Transaction,
    tenantId: string,
    q: { memberIds?: string[]; after?: string; limit: number },
  ): Promise<string[]> {
    const rows = await tx.query<{ member_id: string }[]>(
      `SELECT p.member_id FROM member_preferences p
       WHERE p.tenant_id = $1 AND ($2::text[] IS NULL OR p.member_id = ANY($2)) AND p.member_id > $3
         AND ${CONSENTS_TO_SOMETHING}
       ORDER BY p.member_id LIMIT $4`,
      [tenantId, q.memberIds ?? null, q.after ?? '', q.limit],
    );
    return rows.map((r) => r.member_id);
  }

  async countConsentingMembers(tx: Transaction, tenantId: string, memberIds?: string[]): Promise<number> {
    const [row] = await tx.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM member_preferences p
       WHERE p.tenant_id = $1 AND ($2::text[] IS NULL OR p.member_id = ANY($2)) AND ${CONSENTS_TO_SOMETHING}`,
      [tenantId, memberIds ?? null],
    );
    return Number(row.n);
  }

  async removePushToken(tx: Transaction, tenantId: string, token: string) {
    await tx.query('DELETE FROM push_device WHERE tenant_id = $1 AND token = $2', [tenantId, token]);
  }
}

/** The member's latest consent on some channel is a yes (`p` is the member_preferences row). */
const CONSENTS_TO_SOMETHING = `EXISTS (
  SELECT 1 FROM (SELECT DISTINCT ON (c.channel) c.granted FROM consent_record c
                 WHERE c.tenant_id = p.tenant_id AND c.member_id = p.member_id ORDER BY c.channel, c.id DESC) latest
  WHERE latest.granted)`;

const key = (c: Consent) => `${c.channel}|${c.granted}|${c.source}|${c.recordedAt}`;
