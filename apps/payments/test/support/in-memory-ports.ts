import type { Envelope } from '@sportclub/contracts';
import type { ReplyAddress } from '@sportclub/outbox';
import type { OutboxPort } from '../../src/shared/application/ports/outbox.port';
import type { Transaction, Transactions } from '@sportclub/service-kit';
import {
  PaymentRefusedError,
  type ChargeRequest,
  type PaymentGateway,
  type PaymentGateways,
  type ProviderPayment,
  type SavedMethod,
} from '../../src/top-ups/application/ports/payment-gateway.port';
import type { PaymentRepositoryPort } from '../../src/top-ups/application/ports/payment.repository.port';
import type {
  DueProviderEvent,
  ProviderEventOutcome,
  ProviderEventRepositoryPort,
  ReceivedProviderEvent,
} from '../../src/top-ups/application/ports/provider-event.repository.port';
import type { Payment, Provider } from '../../src/top-ups/domain/payment';
import type {
  ConsumptionSettlement,
  LedgerLine,
  LockedReservation,
  Reservation,
  WalletRepositoryPort,
} from '../../src/wallet/application/ports/wallet.repository.port';
import type { Movement, WalletBalances } from '../../src/wallet/domain/wallet.ledger';

/**
 * The ports of payments' use cases kept in memory, for the handlers' unit specs (no I/O). They keep the
 * observable contract of the SQL repositories — idempotent inserts, one wallet per tenant and member,
 * ledger lines per movement — not their locking, which only real PostgreSQL shows (the e2e tests).
 */

/** Stands for the caller's transaction; the in-memory ports ignore it. */
export const tx = {} as Transaction;

/**
 * Runs work as is: in memory nothing is undone, so specs of failures assert on what was recorded. It
 * counts the transactions open, so a spec can check that none is while a provider is called, and can
 * make the next one fail before its work (`failNext`): a crash between a provider call and its record.
 */
export class InMemoryTransactions implements Transactions {
  /** Transactions running now. */
  open = 0;
  private failure?: Error;

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
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

  /** The next `run` throws `error` without doing anything. */
  failNext(error: Error): void {
    this.failure = error;
  }
}

/** Transactions for specs that do not look at them. */
export const transactions: Transactions = new InMemoryTransactions();

export class RecordingOutbox implements OutboxPort {
  readonly published: Envelope[] = [];
  readonly replies: { envelope: Envelope; to: ReplyAddress }[] = [];

  async publish(_tx: Transaction, messages: Envelope | Envelope[]): Promise<void> {
    this.published.push(...(Array.isArray(messages) ? messages : [messages]));
  }

  async reply(_tx: Transaction, envelope: Envelope, to: ReplyAddress): Promise<void> {
    this.replies.push({ envelope, to });
  }

  types(): string[] {
    return this.published.map((e) => e.type);
  }
}

export class InMemoryWalletRepository implements WalletRepositoryPort {
  readonly wallets = new Map<string, WalletBalances>();
  readonly reservations = new Map<string, Reservation>();
  readonly lines: (LedgerLine & { tenantId: string })[] = [];
  readonly consumptions = new Map<string, ConsumptionSettlement>();

  async lock(_tx: Transaction, tenantId: string, memberId: string): Promise<WalletBalances> {
    const key = `${tenantId}/${memberId}`;
    if (!this.wallets.has(key)) this.wallets.set(key, { availableCentavos: 0, reservedCentavos: 0 });
    return { ...this.wallets.get(key)! };
  }

  async find(_tx: Transaction, tenantId: string, memberId: string) {
    const w = this.wallets.get(`${tenantId}/${memberId}`);
    return w && { ...w };
  }

  async apply(_tx: Transaction, tenantId: string, memberId: string, movement: Movement, reference: string) {
    this.wallets.set(`${tenantId}/${memberId}`, { ...movement.balances });
    const movementId = `mv-${this.lines.length}`;
    for (const p of movement.postings) {
      this.lines.push({
        tenantId,
        movementId,
        kind: movement.kind,
        reference,
        account: p.account,
        amountCentavos: p.amountCentavos,
        createdAt: new Date().toISOString(),
      });
    }
  }

  async reservation(_tx: Transaction, tenantId: string, reservationId: string) {
    const r = this.reservations.get(`${tenantId}/${reservationId}`);
    return r && { ...r };
  }

  async lockReservation(t: Transaction, tenantId: string, reservationId: string) {
    const r = await this.reservation(t, tenantId, reservationId);
    if (!r) return undefined;
    const balances = r.memberId
      ? await this.lock(t, tenantId, r.memberId)
      : { availableCentavos: 0, reservedCentavos: 0 };
    return { ...r, balances } satisfies LockedReservation;
  }

  async insertReservation(_tx: Transaction, tenantId: string, r: Reservation) {
    const key = `${tenantId}/${r.reservationId}`;
    if (this.reservations.has(key)) return false;
    this.reservations.set(key, { ...r });
    return true;
  }

  async settleReservation(
    t: Transaction,
    tenantId: string,
    r: { reservationId: string; memberId: string },
    state: 'COMMITTED' | 'RELEASED',
    movement: Movement,
  ) {
    this.reservations.get(`${tenantId}/${r.reservationId}`)!.state = state;
    await this.apply(t, tenantId, r.memberId, movement, `reservation:${r.reservationId}`);
  }

  async recordConsumption(_tx: Transaction, tenantId: string, c: ConsumptionSettlement) {
    const key = `${tenantId}/${c.sessionId}`;
    if (this.consumptions.has(key)) return false;
    this.consumptions.set(key, { ...c });
    return true;
  }

  async ledger(_tx: Transaction, tenantId: string, memberId: string, limit: number) {
    return this.lines
      .filter((l) => l.tenantId === tenantId && l.account.startsWith(`member:${memberId}:`))
      .reverse()
      .slice(0, limit)
      .map(({ tenantId: _tenant, ...line }) => line);
  }

  /** The sum of an account's postings: what the ledger says its balance is. */
  accountTotal(tenantId: string, account: string): number {
    return this.lines
      .filter((l) => l.tenantId === tenantId && l.account === account)
      .reduce((sum, l) => sum + l.amountCentavos, 0);
  }
}

export class InMemoryPaymentRepository implements PaymentRepositoryPort {
  readonly payments = new Map<string, Payment>();
  readonly methods = new Map<string, SavedMethod>();

  async lockId() {}

  async find(_tx: Transaction, tenantId: string, paymentId: string) {
    const p = this.payments.get(`${tenantId}/${paymentId}`);
    return p && { ...p };
  }

  async findByProviderRef(_tx: Transaction, provider: Provider, providerRef: string) {
    const p = [...this.payments.values()].find(
      (x) => x.provider === provider && x.providerRef === providerRef,
    );
    return p && { ...p };
  }

  async insert(_tx: Transaction, p: Omit<Payment, 'createdAt' | 'updatedAt'>) {
    const key = `${p.tenantId}/${p.paymentId}`;
    if (this.payments.has(key)) throw new Error(`duplicate payment ${key}`);
    this.payments.set(key, { ...p, createdAt: new Date(), updatedAt: new Date() });
  }

  async recordAnswer(
    _tx: Transaction,
    p: Pick<Payment, 'tenantId' | 'paymentId' | 'providerRef' | 'pix' | 'lateReply'>,
  ) {
    const { providerRef, pix, lateReply } = p;
    Object.assign(this.payments.get(`${p.tenantId}/${p.paymentId}`)!, {
      providerRef,
      pix,
      lateReply,
      providerCall: null,
      updatedAt: new Date(),
    });
  }

  async update(
    _tx: Transaction,
    p: Pick<Payment, 'tenantId' | 'paymentId'>,
    next: Pick<Payment, 'status' | 'refundedCentavos' | 'reason'>,
  ) {
    Object.assign(this.payments.get(`${p.tenantId}/${p.paymentId}`)!, next, { updatedAt: new Date() });
  }

  async savedMethod(_tx: Transaction, tenantId: string, memberId: string, provider: Provider) {
    return this.methods.get(`${tenantId}/${memberId}/${provider}`);
  }

  async saveMethod(_tx: Transaction, tenantId: string, memberId: string, provider: Provider, s: SavedMethod) {
    this.methods.set(`${tenantId}/${memberId}/${provider}`, { ...s });
  }
}

export class InMemoryProviderEventRepository implements ProviderEventRepositoryPort {
  readonly events = new Map<
    string,
    ReceivedProviderEvent & {
      attempts: number;
      processed: boolean;
      outcome?: ProviderEventOutcome;
      dueAt: number;
      lastError?: string;
    }
  >();

  async insert(e: ReceivedProviderEvent) {
    const key = `${e.provider}/${e.eventId}`;
    if (this.events.has(key)) return false;
    this.events.set(key, {
      ...e,
      attempts: 0,
      processed: Boolean(e.settled),
      outcome: e.settled?.outcome,
      lastError: e.settled?.reason,
      dueAt: 0,
    });
    return true;
  }

  async claimDue(_tx: Transaction, leaseSeconds: number): Promise<DueProviderEvent | undefined> {
    const e = [...this.events.values()].find((x) => !x.processed && x.dueAt <= Date.now());
    if (e) e.dueAt = Date.now() + leaseSeconds * 1000;
    return (
      e && { provider: e.provider, eventId: e.eventId, providerRef: e.providerRef!, attempts: e.attempts }
    );
  }

  async markProcessed(_tx: Transaction, e: DueProviderEvent) {
    Object.assign(this.events.get(`${e.provider}/${e.eventId}`)!, {
      processed: true,
      outcome: 'reconciled',
      attempts: e.attempts + 1,
      lastError: undefined,
    });
  }

  async markUnprocessable(_tx: Transaction, e: DueProviderEvent, reason: string) {
    Object.assign(this.events.get(`${e.provider}/${e.eventId}`)!, {
      processed: true,
      outcome: 'unprocessable',
      attempts: e.attempts + 1,
      lastError: reason,
    });
  }

  async retryLater(
    _tx: Transaction,
    e: DueProviderEvent,
    f: { attempts: number; error: string; delaySeconds: number; giveUp: boolean },
  ) {
    Object.assign(this.events.get(`${e.provider}/${e.eventId}`)!, {
      attempts: f.attempts,
      lastError: f.error,
      dueAt: Date.now() + f.delaySeconds * 1000,
      processed: f.giveUp,
      outcome: f.giveUp ? 'set-aside' : undefined,
    });
  }

  get(provider: Provider, eventId: string) {
    return this.events.get(`${provider}/${eventId}`);
  }
}

/**
 * A provider whose answers the spec scripts: `answer` decides each charge, `stored` is what `fetch`
 * reports. Like the real ones it keeps its first answer to an idempotency key and gives it again to the
 * same key, without charging again (`charges` counts the charges made); an outage is not kept. Every
 * call is recorded, so a spec can assert that a replay called the provider once, and `onCall` runs at
 * each call (to look at what the caller holds then).
 */
export class ScriptedGateway implements PaymentGateway {
  minimumChargeCentavos = 50;
  readonly calls: { operation: string; args: unknown[] }[] = [];
  readonly stored = new Map<string, ProviderPayment>();
  /** The first answer to each idempotency key: a charge made, or a definite refusal. */
  private readonly byKey = new Map<string, ProviderPayment | PaymentRefusedError>();
  charges = 0;
  onCall?: (operation: string) => void;
  answer: (operation: string, amountCentavos: number) => ProviderPayment | Error = (_op, amountCentavos) => ({
    providerRef: `ref-${this.calls.length}`,
    status: 'succeeded',
    amountCentavos,
    refundedCentavos: 0,
  });

  constructor(readonly provider: Provider) {}

  private async run(operation: string, req: ChargeRequest, args: unknown[]) {
    this.calls.push({ operation, args });
    this.onCall?.(operation);
    let a = this.byKey.get(req.idempotencyKey);
    if (!a) {
      const fresh = this.answer(operation, req.amountCentavos);
      if (!(fresh instanceof PaymentRefusedError) && fresh instanceof Error) throw fresh;
      if (!(fresh instanceof Error)) this.charges++;
      this.byKey.set(req.idempotencyKey, fresh);
      a = fresh;
    }
    if (a instanceof Error) throw a;
    this.stored.set(a.providerRef, a);
    return a;
  }

  chargeSaved(...args: Parameters<PaymentGateway['chargeSaved']>) {
    return this.run('chargeSaved', args[0], args);
  }

  createCardPayment(...args: Parameters<NonNullable<PaymentGateway['createCardPayment']>>) {
    return this.run('createCardPayment', args[0], args);
  }

  createPix(...args: Parameters<NonNullable<PaymentGateway['createPix']>>) {
    return this.run('createPix', args[0], args);
  }

  async fetch(tenantId: string, providerRef: string) {
    this.calls.push({ operation: 'fetch', args: [tenantId, providerRef] });
    this.onCall?.('fetch');
    const p = this.stored.get(providerRef);
    if (!p) throw Object.assign(new Error(`no payment ${providerRef}`), { status: 404 });
    return p;
  }

  async saveMethod(tenantId: string, memberId: string, token: string) {
    this.calls.push({ operation: 'saveMethod', args: [tenantId, memberId, token] });
    this.onCall?.('saveMethod');
    return { methodId: `pm-${token}`, brand: 'visa', last4: '4242' };
  }
}

/** Cards through `card` (Pix through `pix`) for every tenant. */
export function gatewaysOf(card: ScriptedGateway, pix: ScriptedGateway = card): PaymentGateways {
  const all = new Map([card, pix].map((g) => [g.provider, g]));
  return { cardProvider: () => card.provider, pixProvider: pix.provider, get: (p) => all.get(p)! };
}
