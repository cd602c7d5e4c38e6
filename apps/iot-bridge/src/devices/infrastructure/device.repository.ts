import type { EntityManager } from 'typeorm';
import type { Device, DeviceKind, DeviceStatus } from '../domain/device';

type Db = Pick<EntityManager, 'query'>;

export interface StoredDevice extends Device {
  credentialHash: string;
}

const COLUMNS = `device_id AS "deviceId", tenant_id AS "tenantId", kind, court_id AS "courtId",
  credential_hash AS "credentialHash", enabled, status, last_seen_at AS "lastSeenAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The registry's table; every read for a club is scoped by its tenant. */
export class DeviceRepository {
  async lock(m: Db, deviceId: string): Promise<StoredDevice | undefined> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM device WHERE device_id = $1 FOR UPDATE`, [deviceId]);
    return row;
  }

  /** Undefined when the id was taken meanwhile. */
  async insert(
    m: Db,
    d: Pick<StoredDevice, 'deviceId' | 'tenantId' | 'kind' | 'courtId' | 'enabled' | 'credentialHash'>,
  ): Promise<StoredDevice | undefined> {
    const [row] = await m.query(
      `INSERT INTO device (device_id, tenant_id, kind, court_id, enabled, credential_hash)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [d.deviceId, d.tenantId, d.kind, d.courtId, d.enabled, d.credentialHash],
    );
    return row;
  }

  async update(
    m: Db,
    d: Pick<StoredDevice, 'deviceId' | 'kind' | 'courtId' | 'enabled' | 'credentialHash'>,
  ): Promise<StoredDevice> {
    const [[row]] = await m.query(
      `UPDATE device SET kind = $2, court_id = $3, enabled = $4, credential_hash = $5, updated_at = now()
        WHERE device_id = $1 RETURNING ${COLUMNS}`,
      [d.deviceId, d.kind, d.courtId, d.enabled, d.credentialHash],
    );
    return row;
  }

  list(db: Db, tenantId: string, kind?: DeviceKind): Promise<StoredDevice[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM device WHERE tenant_id = $1 AND ($2::text IS NULL OR kind = $2)
        ORDER BY device_id LIMIT 1000`,
      [tenantId, kind ?? null],
    );
  }

  /** An enabled device of that kind, or undefined. */
  async active(db: Db, deviceId: string, kind: DeviceKind): Promise<StoredDevice | undefined> {
    const [row] = await db.query(
      `SELECT ${COLUMNS} FROM device WHERE device_id = $1 AND kind = $2 AND enabled`,
      [deviceId, kind],
    );
    return row;
  }

  /** Every device that may log in to the broker. */
  logins(db: Db): Promise<Pick<StoredDevice, 'deviceId' | 'kind' | 'courtId' | 'credentialHash'>[]> {
    return db.query(
      `SELECT device_id AS "deviceId", kind, court_id AS "courtId", credential_hash AS "credentialHash"
         FROM device WHERE enabled ORDER BY device_id`,
    );
  }

  /** Records a report; returns the status it replaced (null the first time). */
  async report(m: Db, deviceId: string, status: DeviceStatus): Promise<DeviceStatus | null> {
    const [[row]] = await m.query(
      `UPDATE device d SET status = $2, last_seen_at = now()
         FROM (SELECT status FROM device WHERE device_id = $1 FOR UPDATE) old
        WHERE d.device_id = $1 RETURNING old.status AS previous`,
      [deviceId, status],
    );
    return row?.previous ?? null;
  }

  async seen(db: Db, deviceId: string): Promise<void> {
    await db.query('UPDATE device SET last_seen_at = now() WHERE device_id = $1', [deviceId]);
  }
}
