import { randomUUID } from 'node:crypto';
import type { DataOf, Envelope, MessageDefinition } from '@sportclub/contracts';
import {
  ReleaseStockResult,
  ReserveStockResult,
  RestockResult,
  ShipResult,
  TakeStockResult,
  type ReleaseStock,
  type ReserveStock,
  type Restock,
  type Ship,
  type TakeStock,
} from './order.saga';

/**
 * In-memory shop, supplier and carrier for the property test. They behave as real participants must:
 * idempotent per command id (an inbox) and per reservation / idempotency key, and a release arriving
 * before its reservation leaves a tombstone so that the late reservation is refused. `choose()` supplies
 * the random parts (lost replies, failed restocks and shipments, pending restocks) from fast-check.
 */
export type ReservationStatus = 'reserved' | 'taken' | 'released' | 'tombstone';

export class OrderParticipants {
  readonly stock = new Map<string, number>();
  readonly initial = new Map<string, number>();
  readonly reservations = new Map<string, { sku: string; quantity: number; status: ReservationStatus }>();
  readonly restocked = new Map<string, number>();
  readonly takes = new Map<string, number>();
  private readonly restocks = new Map<string, Envelope[]>();
  private readonly inbox = new Map<string, Envelope[]>();

  constructor(
    stock: Record<string, number>,
    private readonly choose: () => number,
    private readonly replyTo: <T>(command: Envelope, def: MessageDefinition<T>, data: T) => Envelope<T>,
  ) {
    for (const [sku, units] of Object.entries(stock)) {
      this.stock.set(sku, units);
      this.initial.set(sku, units);
    }
  }

  /** Handles one delivery of a command and returns the replies it sends (none when they are lost). */
  handle(command: Envelope): Envelope[] {
    if (this.inbox.has(command.id)) return []; // a redelivered command is acknowledged and skipped
    const replies = this.process(command);
    // Lost replies: the effect happened, but the orchestrator never hears of it.
    const delivered = this.choose() < 10 ? [] : replies;
    this.inbox.set(command.id, delivered);
    return delivered;
  }

  private process(command: Envelope): Envelope[] {
    const reply = <T>(def: MessageDefinition<T>, data: T) => this.replyTo(command, def, data) as Envelope;
    switch (command.type) {
      case 'shop.reserve-stock.v1':
        return [reply(ReserveStockResult, this.reserve(command.data as DataOf<typeof ReserveStock>))];
      case 'shop.take-stock.v1':
        return [reply(TakeStockResult, this.take(command.data as DataOf<typeof TakeStock>))];
      case 'shop.release-stock.v1':
        return [reply(ReleaseStockResult, this.release(command.data as DataOf<typeof ReleaseStock>))];
      case 'supplier.restock.v1':
        return this.restock(command as Envelope<DataOf<typeof Restock>>);
      case 'carrier.ship.v1': {
        const { orderId } = command.data as DataOf<typeof Ship>;
        return [
          this.choose() < 20
            ? reply(ShipResult, { orderId, outcome: 'failed', reason: 'truck broke down' })
            : reply(ShipResult, { orderId, outcome: 'shipped', trackingId: `t-${orderId}` }),
        ];
      }
      default:
        throw new Error(`participant got unexpected command ${command.type}`);
    }
  }

  private reserve({
    orderId,
    sku,
    quantity,
  }: DataOf<typeof ReserveStock>): DataOf<typeof ReserveStockResult> {
    const existing = this.reservations.get(orderId);
    if (existing) {
      const held = existing.status === 'reserved' || existing.status === 'taken';
      return held
        ? { orderId, outcome: 'reserved' }
        : { orderId, outcome: 'out-of-stock', missing: quantity };
    }
    const available = this.stock.get(sku) ?? 0;
    if (available < quantity) return { orderId, outcome: 'out-of-stock', missing: quantity - available };
    this.stock.set(sku, available - quantity);
    this.reservations.set(orderId, { sku, quantity, status: 'reserved' });
    return { orderId, outcome: 'reserved' };
  }

  private restock(command: Envelope<DataOf<typeof Restock>>): Envelope[] {
    const { restockId, sku, quantity, idempotencyKey } = command.data;
    const earlier = this.restocks.get(idempotencyKey);
    if (earlier) return earlier.map((r) => ({ ...r, id: randomUUID(), causationid: command.id }));
    const roll = this.choose();
    const reply = (outcome: 'delivered' | 'pending' | 'failed') =>
      this.replyTo(command as Envelope, RestockResult, {
        restockId,
        outcome,
        ...(outcome === 'failed' ? { reason: 'supplier out of stock' } : {}),
      }) as Envelope;
    let replies: Envelope[];
    if (roll < 15) {
      replies = [reply('failed')];
    } else {
      this.stock.set(sku, (this.stock.get(sku) ?? 0) + quantity);
      this.restocked.set(sku, (this.restocked.get(sku) ?? 0) + quantity);
      // A slow supplier answers "pending" first and "delivered" later: two replies to one command.
      replies = roll < 40 ? [reply('pending'), reply('delivered')] : [reply('delivered')];
    }
    this.restocks.set(idempotencyKey, replies);
    return replies;
  }

  private take({ orderId }: DataOf<typeof TakeStock>): DataOf<typeof TakeStockResult> {
    const reservation = this.reservations.get(orderId);
    const ok = reservation?.status === 'reserved' || reservation?.status === 'taken';
    if (reservation?.status === 'reserved') {
      reservation.status = 'taken';
      this.takes.set(orderId, (this.takes.get(orderId) ?? 0) + 1);
    }
    return { orderId, outcome: ok ? 'taken' : 'unknown-reservation' };
  }

  private release({ orderId }: DataOf<typeof ReleaseStock>): DataOf<typeof ReleaseStockResult> {
    const reservation = this.reservations.get(orderId);
    if (!reservation) {
      this.reservations.set(orderId, { sku: '', quantity: 0, status: 'tombstone' });
      return { orderId, outcome: 'unknown-reservation' };
    }
    if (reservation.status === 'reserved') {
      reservation.status = 'released';
      this.stock.set(reservation.sku, (this.stock.get(reservation.sku) ?? 0) + reservation.quantity);
      return { orderId, outcome: 'released' };
    }
    if (reservation.status === 'taken') return { orderId, outcome: 'already-taken' };
    return { orderId, outcome: reservation.status === 'released' ? 'released' : 'unknown-reservation' };
  }
}
