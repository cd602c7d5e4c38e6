import type { Envelope } from '@sportclub/contracts';
import type { Transaction, Transactions } from '@sportclub/service-kit';
import type { PreferencesRepositoryPort } from '../../src/contacts/application/ports/preferences.repository.port';
import type { Preferences } from '../../src/contacts/domain/preferences';
import type {
  ChannelProvider,
  OutgoingMessage,
  ProviderAcceptance,
} from '../../src/deliveries/application/ports/channel-provider.port';
import type {
  Attempt,
  DeliveriesRepositoryPort,
  DeliveriesPage,
  EarlyStatus,
} from '../../src/deliveries/application/ports/deliveries.repository.port';
import type { Delivery, DeliveryStatus, Move } from '../../src/deliveries/domain/delivery';
import type { OutboxPort } from '../../src/shared/application/ports/outbox.port';
import type { Channel, ProviderName, Route } from '../../src/shared/domain/channels';
import type {
  SavedTemplate,
  StoredTemplate as Stored,
  TemplatesRepositoryPort,
} from '../../src/templates/application/ports/templates.repository.port';

type StoredTemplate = Stored & { tenant: string };

/**
 * notifications' ports in memory, for the use cases' unit specs (no I/O). They keep the SQL
 * repositories' observable contract — one delivery per source and member, one attempt per route, a
 * delivery moved on only from its current route — not their locking (the e2e tests show that).
 */
export const tx = {} as Transaction;

/** Runs work as is, counting open transactions (none may be open while a provider is called). */
export class InMemoryTransactions implements Transactions {
  open = 0;
  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    this.open++;
    try {
      return await work(tx);
    } finally {
      this.open--;
    }
  }
  savepoint<T>(t: Transaction, work: (tx: Transaction) => Promise<T>): Promise<T> {
    return work(t);
  }

  afterCommit(_tx: Transaction, then: () => void): void {
    then();
  }
}

export class InMemoryOutbox implements OutboxPort {
  readonly published: Envelope[] = [];
  publish(_tx: Transaction, messages: Envelope | Envelope[]): Promise<void> {
    this.published.push(...(Array.isArray(messages) ? messages : [messages]));
    return Promise.resolve();
  }
  reply(): Promise<void> {
    return Promise.reject(new Error('notifications does not reply through these use cases'));
  }
  types(): string[] {
    return this.published.map((e) => e.type);
  }
}

export class InMemoryPreferences implements PreferencesRepositoryPort {
  readonly rows = new Map<string, Preferences>();
  private key = (t: string, m: string) => `${t}|${m}`;
  find(_tx: Transaction, t: string, m: string) {
    const p = this.rows.get(this.key(t, m));
    return Promise.resolve(p && structuredClone(p));
  }
  findForUpdate(t0: Transaction, t: string, m: string) {
    return this.find(t0, t, m);
  }
  save(_tx: Transaction, t: string, _before: Preferences | undefined, after: Preferences) {
    this.rows.set(this.key(t, after.memberId), structuredClone(after));
    return Promise.resolve();
  }
  membersWithPhone(_tx: Transaction, t: string, phone: string) {
    return Promise.resolve(
      [...this.rows.entries()]
        .filter(([k, p]) => k.startsWith(`${t}|`) && p.phone === phone)
        .map(([, p]) => p.memberId),
    );
  }
  openWhatsAppWindow(_tx: Transaction, t: string, phone: string, at: Date) {
    for (const [k, p] of this.rows) {
      if (k.startsWith(`${t}|`) && p.phone === phone) {
        p.whatsappWindowUntil = new Date(at.getTime() + 24 * 3_600_000).toISOString();
      }
    }
    return Promise.resolve();
  }
  consentingMembers(): Promise<string[]> {
    return Promise.reject(new Error('segments are SQL-only (the e2e tests cover them)'));
  }
  countConsentingMembers(): Promise<number> {
    return Promise.reject(new Error('segments are SQL-only (the e2e tests cover them)'));
  }
  consentHistory(_tx: Transaction, t: string, m: string) {
    return Promise.resolve(this.rows.get(this.key(t, m))?.consents ?? []);
  }
  erase(_tx: Transaction, t: string, m: string) {
    const p = this.rows.get(this.key(t, m));
    this.rows.delete(this.key(t, m));
    return Promise.resolve({
      preferences: p ? 1 : 0,
      consents: p?.consents.length ?? 0,
      pushDevices: p?.pushDevices.length ?? 0,
    });
  }
  removePushToken(_tx: Transaction, t: string, token: string) {
    for (const [k, p] of this.rows) {
      if (k.startsWith(`${t}|`)) p.pushDevices = p.pushDevices.filter((d) => d.token !== token);
    }
    return Promise.resolve();
  }
}

export class InMemoryDeliveries implements DeliveriesRepositoryPort {
  readonly rows = new Map<string, Delivery & { sourceId: string }>();
  readonly attempts = new Map<string, Attempt & { deliveryId: string; route: Route; error?: string }>();

  insert(_tx: Transaction, d: Delivery, sourceId: string) {
    const taken = [...this.rows.values()].some(
      (r) => r.tenantId === d.tenantId && r.sourceId === sourceId && r.memberId === d.memberId,
    );
    if (!taken) this.rows.set(d.deliveryId, { ...structuredClone(d), sourceId });
    return Promise.resolve(!taken);
  }
  find(_tx: Transaction, id: string) {
    const r = this.rows.get(id);
    return Promise.resolve(r && structuredClone(r));
  }
  startAttempt(_tx: Transaction, deliveryId: string, routeIndex: number, route: Route): Promise<Attempt> {
    const existing = [...this.attempts.values()].find(
      (a) => a.deliveryId === deliveryId && a.routeIndex === routeIndex,
    );
    if (existing) {
      const { deliveryId: _d, route: _r, error: _e, ...attempt } = existing;
      return Promise.resolve({ ...attempt, takenOver: true });
    }
    const attempt: Attempt = {
      attemptId: `attempt-${this.attempts.size + 1}`,
      routeIndex,
      status: 'calling',
      startedAt: new Date().toISOString(),
      takenOver: false,
      claims: 0,
      heldSince: new Date().toISOString(),
    };
    this.attempts.set(attempt.attemptId, { ...attempt, deliveryId, route });
    this.rows.get(deliveryId)!.attempts++;
    return Promise.resolve({ ...attempt });
  }
  isRecorded(_tx: Transaction, provider: ProviderName, providerMessageId: string) {
    return Promise.resolve(
      [...this.attempts.values()].some(
        (a) => a.route.provider === provider && a.providerMessageId === providerMessageId,
      ),
    );
  }
  claimAttempt(_tx: Transaction, id: string, claims: number, leaseMs: number) {
    const a = this.attempts.get(id);
    const lapsed = a && Date.now() - Date.parse(a.heldSince) >= leaseMs;
    if (!a || a.claims !== claims || !(a.status === 'failed' || (a.status === 'calling' && lapsed))) {
      return Promise.resolve(false);
    }
    Object.assign(a, { status: 'calling', claims: claims + 1, heldSince: new Date().toISOString() });
    return Promise.resolve(true);
  }
  renewAttempt(_tx: Transaction, id: string, claims: number) {
    const a = this.attempts.get(id);
    if (!a || a.claims !== claims || a.status !== 'calling') return Promise.resolve(false);
    a.heldSince = new Date().toISOString();
    return Promise.resolve(true);
  }
  finishAttempt(_tx: Transaction, id: string, outcome: { providerMessageId: string } | { error: string }) {
    const a = this.attempts.get(id)!;
    if ('providerMessageId' in outcome)
      Object.assign(a, { status: 'accepted', providerMessageId: outcome.providerMessageId });
    else Object.assign(a, { status: 'failed', error: outcome.error });
    return Promise.resolve();
  }
  releaseHeld(): Promise<Delivery[]> {
    return Promise.reject(new Error('holds are SQL-only (the e2e tests cover them)'));
  }
  readonly early: EarlyStatus[] = [];
  lockProviderMessage(): Promise<void> {
    return Promise.resolve(); // one event loop: nothing runs between the look-up and the stash
  }
  stashEarlyStatus(_tx: Transaction, s: EarlyStatus) {
    this.early.push(s);
    return Promise.resolve();
  }
  takeEarlyStatuses(_tx: Transaction, tenantId: string, provider: string, id: string) {
    const taken = this.early.filter(
      (e) => e.tenantId === tenantId && e.provider === provider && e.providerMessageId === id,
    );
    this.early.splice(0, this.early.length, ...this.early.filter((e) => !taken.includes(e)));
    return Promise.resolve(taken);
  }
  statusCounts(): Promise<Record<DeliveryStatus, number>> {
    return Promise.reject(new Error('counting is SQL-only (the e2e tests cover it)'));
  }
  eraseMember(): Promise<{ deliveries: number; providerMessageIds: string[] }> {
    return Promise.reject(new Error('erasure is SQL-only (the e2e tests cover it)'));
  }
  list(): Promise<DeliveriesPage> {
    return Promise.reject(new Error('listing is SQL-only (the e2e tests cover it)'));
  }
  prune(): Promise<number> {
    return Promise.reject(new Error('retention is SQL-only (an integration test covers it)'));
  }
  pruneEarlyStatuses(): Promise<number> {
    return this.prune();
  }
  findByProviderMessage(_tx: Transaction, provider: string, providerMessageId: string) {
    const a = [...this.attempts.values()].find(
      (x) => x.route.provider === provider && x.providerMessageId === providerMessageId,
    );
    const d = a && this.rows.get(a.deliveryId);
    return Promise.resolve(d && a && { delivery: structuredClone(d), routeIndex: a.routeIndex });
  }
  setStatus(_tx: Transaction, id: string, from: DeliveryStatus, to: DeliveryStatus) {
    const d = this.rows.get(id);
    if (!d || d.status !== from) return Promise.resolve(false);
    d.status = to;
    return Promise.resolve(true);
  }
  advance(_tx: Transaction, id: string, from: number, to: Move, fromStatus: 'pending' | 'sent' = 'pending') {
    const d = this.rows.get(id);
    if (!d || d.current !== from || d.status !== fromStatus) return Promise.resolve(undefined);
    d.status = to.status;
    if (to.status === 'pending') {
      d.current = to.next;
      if (to.heldUntil) d.heldUntil = to.heldUntil.toISOString();
      if (to.newRound) d.rounds++;
    }
    if (to.status !== 'sent' && to.ruleOut && !d.ruledOut.includes(to.ruleOut)) d.ruledOut.push(to.ruleOut);
    if (to.status === 'failed') d.reason = to.reason;
    return Promise.resolve({ attempts: d.attempts });
  }
}

export class InMemoryTemplates implements TemplatesRepositoryPort {
  readonly saved: StoredTemplate[] = [];
  latest(_tx: Transaction, t: string, kind: string, locale: string) {
    const mine = this.saved.filter((s) => s.kind === kind && s.locale === locale && s.tenant === t);
    return Promise.resolve(mine.at(-1));
  }
  save(_tx: Transaction, tenant: string, t: SavedTemplate) {
    const version =
      this.saved.filter((s) => s.kind === t.kind && s.locale === t.locale && s.tenant === tenant).length + 1;
    const stored = { ...t, version, savedAt: new Date().toISOString(), tenant };
    this.saved.push(stored);
    return Promise.resolve(stored);
  }
  listLatest() {
    return Promise.resolve([]);
  }
}

/**
 * A provider at its port: answers what the spec tells it to, and keeps what it was asked to send.
 * With `reconciles` it can also list what it accepted (`findAccepted`), as Twilio can; without, it
 * has no `findAccepted`, as the other providers.
 */
export class ScriptedProvider implements ChannelProvider {
  readonly sent: OutgoingMessage[] = [];
  /** What the provider took, with its id and when, as its list would show it. */
  readonly accepted: { providerMessageId: string; message: OutgoingMessage; at: Date }[] = [];
  /** Per address: an error to throw, or nothing (accepted). */
  readonly failures = new Map<string, Error>();
  /** Thrown for every address (an outage). */
  down?: Error;
  /**
   * Sends whose answer is lost (a timeout after the provider took it): the message is taken, and
   * this error thrown instead of its id, this many times.
   */
  lostAnswers = 0;
  lostAnswer?: Error;
  /** Thrown by `findAccepted` (its list endpoint is down). */
  lookupDown?: Error;
  /** Each `findAccepted` call: the message asked about and the moment given. */
  readonly lookups: { to: string; since: Date }[] = [];
  readonly findAccepted?: (message: OutgoingMessage, since: Date) => Promise<string[]>;

  constructor(
    readonly provider: ProviderName,
    readonly channels: readonly Channel[],
    private readonly transactions?: InMemoryTransactions,
    options: { reconciles?: boolean } = {},
  ) {
    if (options.reconciles) this.findAccepted = (message, since) => this.listAccepted(message, since);
  }

  send(message: OutgoingMessage): Promise<ProviderAcceptance> {
    if (this.transactions?.open) throw new Error('a transaction is open during a provider call');
    const failure = this.down ?? this.failures.get(message.to);
    if (failure) return Promise.reject(failure);
    this.sent.push(message);
    const providerMessageId = `${this.provider}-${this.sent.length}`;
    this.accepted.push({ providerMessageId, message, at: new Date() });
    if (this.lostAnswers > 0 && this.lostAnswer) {
      this.lostAnswers--;
      return Promise.reject(this.lostAnswer);
    }
    return Promise.resolve({ providerMessageId });
  }

  private listAccepted(message: OutgoingMessage, since: Date): Promise<string[]> {
    if (this.transactions?.open) throw new Error('a transaction is open during a provider call');
    this.lookups.push({ to: message.to, since });
    if (this.lookupDown) return Promise.reject(this.lookupDown);
    return Promise.resolve(
      this.accepted
        .filter(
          (a) =>
            a.message.tenantId === message.tenantId &&
            a.message.channel === message.channel &&
            a.message.to === message.to &&
            a.at >= since,
        )
        .reverse()
        .map((a) => a.providerMessageId),
    );
  }
}
