import type { DataSource } from 'typeorm';
import type { Transaction } from '@sportclub/service-kit';
import type { DeviceDirectory } from '../application/ports/device-directory.port';
import type {
  DeviceFilter,
  DeviceLoginRecord,
  DeviceRepositoryPort,
  StoredDevice,
} from '../application/ports/device.repository.port';
import type { DeviceKind, DeviceStatus } from '../domain/device';

/** Broker logins follow the registry: every change wakes the login sync of every replica on commit. */
export const LOGINS_CHANNEL = 'iot_device_logins';

const COLUMNS = `device_id AS "deviceId", tenant_id AS "tenantId", kind, court_id AS "courtId",
  credential_hash AS "credentialHash", enabled, status, last_seen_at AS "lastSeenAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The `device` table. */
export class DeviceRepository implements DeviceRepositoryPort, DeviceDirectory {
  constructor(private readonly db: DataSource) {}

  private on(tx?: Transaction) {
    return tx ? tx : this.db;
  }

  async lock(tx: Transaction, deviceId: string): Promise<StoredDevice | undefined> {
    const [row] = await tx.query(`SELECT ${COLUMNS} FROM device WHERE device_id = $1 FOR UPDATE`, [deviceId]);
    return row;
  }

  async insert(
    tx: Transaction,
    d: Pick<StoredDevice, 'deviceId' | 'tenantId' | 'kind' | 'courtId' | 'enabled' | 'credentialHash'>,
  ): Promise<StoredDevice | undefined> {
    const [row] = await tx.query(
      `INSERT INTO device (device_id, tenant_id, kind, court_id, enabled, credential_hash)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [d.deviceId, d.tenantId, d.kind, d.courtId, d.enabled, d.credentialHash],
    );
    return row;
  }

  async update(
    tx: Transaction,
    d: Pick<StoredDevice, 'deviceId' | 'kind' | 'courtId' | 'enabled' | 'credentialHash'>,
  ): Promise<StoredDevice> {
    const [[row]] = await tx.query(
      `UPDATE device SET kind = $2, court_id = $3, enabled = $4, credential_hash = $5, updated_at = now()
        WHERE device_id = $1 RETURNING ${COLUMNS}`,
      [d.deviceId, d.kind, d.courtId, d.enabled, d.credentialHash],
    );
    return row;
  }

  list(tenantId: string, filter: DeviceFilter = {}, tx?: Transaction): Promise<StoredDevice[]> {
    return this.on(tx).query(
      `SELECT ${COLUMNS} FROM device
        WHERE tenant_id = $1 AND ($2::text[] IS NULL OR kind = ANY ($2))
          AND ($3::text IS NULL OR court_id = $3) AND ($4::boolean IS NULL OR enabled = $4)
        ORDER BY device_id LIMIT 1000`,
      [tenantId, filter.kinds ?? null, filter.courtId ?? null, filter.enabled ?? null],
    );
  }

  async find(tenantId: string, deviceId: string): Promise<StoredDevice | undefined> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM device WHERE device_id = $1 AND tenant_id = $2`,
      [deviceId, tenantId],
    );
    return row;
  }

  async active(deviceId: string, kind: DeviceKind): Promise<StoredDevice | undefined> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM device WHERE device_id = $1 AND kind = $2 AND enabled`,
      [deviceId, kind],
    );
    return row;
  }

  logins(tx?: Transaction): Promise<DeviceLoginRecord[]> {
    return this.on(tx).query(
      `SELECT device_id AS "deviceId", kind, court_id AS "courtId", credential_hash AS "credentialHash"
         FROM device WHERE enabled ORDER BY device_id`,
    );
  }

  async report(tx: Transaction, deviceId: string, status: DeviceStatus): Promise<DeviceStatus | null> {
    const [[row]] = await tx.query(
      `UPDATE device d SET status = $2, last_seen_at = now()
         FROM (SELECT status FROM device WHERE device_id = $1 FOR UPDATE) old
        WHERE d.device_id = $1 RETURNING old.status AS previous`,
      [deviceId, status],
    );
    return row?.previous ?? null;
  }

  async seen(tx: Transaction, deviceId: string): Promise<void> {
    await tx.query('UPDATE device SET last_seen_at = now() WHERE device_id = $1', [deviceId]);
  }

  async loginsChanged(tx: Transaction): Promise<void> {
    await tx.query(`SELECT pg_notify('${LOGINS_CHANNEL}', '')`);
  }
}
