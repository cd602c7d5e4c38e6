import type { Envelope } from '@sportclub/contracts';
import type {
  PanelRequestRecord,
  PanelRequestRefusal,
  PanelRequestRepositoryPort,
  PendingPanelRefusal,
} from '../../src/court-panels/application/ports/panel-request.repository.port';
import type { PanelRefusalCode } from '../../src/court-panels/domain/panel-answer';
import type {
  DeviceFilter,
  DeviceLoginRecord,
  DeviceRepositoryPort,
  StoredDevice,
} from '../../src/devices/application/ports/device.repository.port';
import type { DeviceKind, DeviceStatus } from '../../src/devices/domain/device';
import type { DeviceBroker, DeviceTopicRoute } from '../../src/shared/application/ports/device-broker.port';
import type { EventPublisher } from '../../src/shared/application/ports/event-publisher.port';
import type { Transaction, Transactions } from '@sportclub/service-kit';

/** In-memory stand-ins for the ports, for the use cases' unit specs (no I/O). */
export class InMemoryTransactions implements Transactions {
  committed = 0;
  rolledBack = 0;

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const tx = { id: Symbol('tx') } as unknown as Transaction;
    try {
      const result = await work(tx);
      this.committed++;
      return result;
    } catch (error) {
      this.rolledBack++;
      throw error;
    }
  }

  savepoint<T>(tx: Transaction, work: (tx: Transaction) => Promise<T>): Promise<T> {
    return work(tx);
  }

  afterCommit(_tx: Transaction, then: () => void): void {
    then();
  }
}

export const aTransaction = (): Transaction => ({ id: Symbol('tx') }) as unknown as Transaction;

export class CollectedEvents implements EventPublisher {
  readonly events: Envelope[] = [];

  async publish(_tx: Transaction, event: Envelope): Promise<void> {
    this.events.push(event);
  }

  ofType(type: string): Envelope[] {
    return this.events.filter((e) => e.type === type);
  }
}

export class InMemoryDevices implements DeviceRepositoryPort {
  readonly rows = new Map<string, StoredDevice>();
  readonly seenIds: string[] = [];
  loginChanges = 0;

  add(d: Partial<StoredDevice> & Pick<StoredDevice, 'deviceId' | 'tenantId' | 'kind'>): StoredDevice {
    const now = new Date('2026-01-01T00:00:00Z');
    const row: StoredDevice = {
      courtId: null,
      enabled: true,
      status: null,
      lastSeenAt: null,
      createdAt: now,
      updatedAt: now,
      credentialHash: `hash-of-${d.deviceId}`,
      ...d,
    };
    this.rows.set(row.deviceId, row);
    return row;
  }

  async lock(_tx: Transaction, deviceId: string) {
    return this.rows.get(deviceId);
  }

  async insert(_tx: Transaction, d: Parameters<DeviceRepositoryPort['insert']>[1]) {
    if (this.rows.has(d.deviceId)) return undefined;
    return this.add(d);
  }

  async update(_tx: Transaction, d: Parameters<DeviceRepositoryPort['update']>[1]) {
    const row = { ...this.rows.get(d.deviceId)!, ...d, updatedAt: new Date() };
    this.rows.set(d.deviceId, row);
    return row;
  }

  async list(tenantId: string, { kinds, courtId, enabled }: DeviceFilter = {}) {
    return [...this.rows.values()].filter(
      (d) =>
        d.tenantId === tenantId &&
        (!kinds || kinds.includes(d.kind)) &&
        (courtId === undefined || d.courtId === courtId) &&
        (enabled === undefined || d.enabled === enabled),
    );
  }

  async find(tenantId: string, deviceId: string) {
    const d = this.rows.get(deviceId);
    return d?.tenantId === tenantId ? d : undefined;
  }

  async active(deviceId: string, kind: DeviceKind) {
    const d = this.rows.get(deviceId);
    return d && d.kind === kind && d.enabled ? d : undefined;
  }

  async logins(): Promise<DeviceLoginRecord[]> {
    return [...this.rows.values()]
      .filter((d) => d.enabled)
      .map(({ deviceId, kind, courtId, credentialHash }) => ({ deviceId, kind, courtId, credentialHash }));
  }

  async report(_tx: Transaction, deviceId: string, status: DeviceStatus) {
    const d = this.rows.get(deviceId)!;
    const previous = d.status;
    this.rows.set(deviceId, { ...d, status, lastSeenAt: new Date() });
    return previous;
  }

  async seen(_tx: Transaction, deviceId: string) {
    this.seenIds.push(deviceId);
  }

  async loginsChanged() {
    this.loginChanges++;
  }
}

/** Records what the use cases publish to devices; `failAfter` makes later publishes fail (broker down). */
export class RecordingBroker implements DeviceBroker {
  readonly published: { topic: string; message: object }[] = [];
  /** What the broker keeps per topic for later subscribers. */
  readonly retained = new Map<string, object>();
  readonly routes = new Map<string, DeviceTopicRoute>();
  failAfter = Infinity;

  route(filter: string, route: DeviceTopicRoute): void {
    this.routes.set(filter, route);
  }

  async publish(topic: string, message: object): Promise<void> {
    if (this.published.length >= this.failAfter) throw new Error('broker offline');
    this.published.push({ topic, message });
  }

  async retain(topic: string, message: object | null): Promise<void> {
    if (this.published.length >= this.failAfter) throw new Error('broker offline');
    if (message === null) this.retained.delete(topic);
    else this.retained.set(topic, message);
  }
}

export interface PanelRequestRow extends PanelRequestRecord {
  refusal: PanelRefusalCode | null;
  refusedAt: Date | null;
  deliveredAt: Date | null;
}

/** The `panel_request` rows in memory, keyed `panel/request`. */
export class InMemoryPanelRequests implements PanelRequestRepositoryPort {
  readonly rows = new Map<string, PanelRequestRow>();

  async record(_tx: Transaction, r: PanelRequestRecord) {
    const key = `${r.panelId}/${r.requestId}`;
    const earlier = this.rows.get(key);
    if (earlier) return { repeat: true, outcome: earlier.outcome, refusal: earlier.refusal };
    this.rows.set(key, { ...r, refusal: null, refusedAt: null, deliveredAt: null });
    return { repeat: false, outcome: r.outcome, refusal: null };
  }

  async refuse(_tx: Transaction, r: PanelRequestRefusal): Promise<boolean> {
    const row = this.rows.get(`${r.panelId}/${r.requestId}`);
    if (!row || row.tenantId !== r.tenantId || row.action !== r.action) return false;
    if (row.outcome !== 'accepted' || row.refusal) return false;
    Object.assign(row, { refusal: r.refusal, refusedAt: new Date() });
    return true;
  }

  async claimUndelivered(_tx: Transaction, limit: number): Promise<PendingPanelRefusal[]> {
    return [...this.rows.values()]
      .filter((r) => r.refusal && !r.deliveredAt)
      .slice(0, limit)
      .map((r) => ({ panelId: r.panelId, requestId: r.requestId, refusal: r.refusal! }));
  }

  async markDelivered(_tx: Transaction, refusals: Pick<PendingPanelRefusal, 'panelId' | 'requestId'>[]) {
    for (const r of refusals) this.rows.get(`${r.panelId}/${r.requestId}`)!.deliveredAt = new Date();
  }

  async prune(): Promise<void> {}
}
