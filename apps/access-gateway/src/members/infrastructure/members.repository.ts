import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isoUtc } from '@sportclub/service-kit';
import type { Transaction } from '@sportclub/service-kit';
import type { Member, MemberStatus } from '../domain/member';
import type { MemberProfile, MembersRepository } from '../application/ports/members.repository.port';

const COLUMNS = `member_id AS "memberId", status, name, email, status_reason AS "statusReason",
  ${isoUtc('created_at')} AS "createdAt", ${isoUtc('updated_at')} AS "updatedAt"`;

/** The `member` table; every statement is scoped by tenant. */
@Injectable()
export class PgMembersRepository implements MembersRepository {
  constructor(private readonly db: DataSource) {}

  async find(tenantId: string, memberId: string, tx?: Transaction): Promise<Member | undefined> {
    const [member] = await (tx ?? this.db.manager).query<Member[]>(
      `SELECT ${COLUMNS} FROM member WHERE tenant_id = $1 AND member_id = $2`,
      [tenantId, memberId],
    );
    return member;
  }

  async enrol(tenantId: string, memberId: string): Promise<Member> {
    // DO UPDATE (not NOTHING) so the row comes back whether it was just made or already there.
    const [member] = await this.db.query<Member[]>(
      `INSERT INTO member (tenant_id, member_id) VALUES ($1, $2)
       ON CONFLICT (tenant_id, member_id) DO UPDATE SET tenant_id = excluded.tenant_id
       RETURNING ${COLUMNS}`,
      [tenantId, memberId],
    );
    return member;
  }

  async upsertMany(tenantId: string, members: MemberProfile[]) {
    const rows = await this.db.query<{ memberId: string; created: boolean }[]>(
      `INSERT INTO member (tenant_id, member_id, name, email)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])
       ON CONFLICT (tenant_id, member_id) DO UPDATE
         SET name = coalesce(excluded.name, member.name), email = coalesce(excluded.email, member.email),
             updated_at = now()
       RETURNING member_id AS "memberId", (xmax = 0) AS created`,
      [
        tenantId,
        members.map((m) => m.memberId),
        members.map((m) => m.name ?? null),
        members.map((m) => m.email ?? null),
      ],
    );
    return {
      created: rows.filter((r) => r.created).map((r) => r.memberId),
      updated: rows.filter((r) => !r.created).map((r) => r.memberId),
    };
  }

  async setStatus(tenantId: string, memberId: string, status: MemberStatus, reason: string | null) {
    const [[member]] = await this.db.query<[Member[], number]>(
      `UPDATE member SET status = $3, status_reason = $4, updated_at = now()
        WHERE tenant_id = $1 AND member_id = $2 RETURNING ${COLUMNS}`,
      [tenantId, memberId, status, reason],
    );
    return member;
  }

  list(tenantId: string, f: { status?: MemberStatus; limit: number; after?: string }): Promise<Member[]> {
    return this.db.query<Member[]>(
      `SELECT ${COLUMNS} FROM member
        WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR member_id > $3)
        ORDER BY member_id LIMIT $4`,
      [tenantId, f.status ?? null, f.after ?? null, f.limit],
    );
  }
}
