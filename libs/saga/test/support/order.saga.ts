import { MessageRegistry, defineMessage, type ServiceName } from '@sportclub/contracts';
import { defineSaga, fail, goTo, next, reject, stay } from '../../src';

/**
 * A small saga for the engine's own tests — no app's: an order reserves stock (restocking once from the
 * supplier when it is short and the order allows a backorder, then reserving again), is shipped by the
 * carrier, and takes the stock it reserved. It exercises the whole DSL: a skipped step, a loop whose
 * refused step is not compensated, a "pending" reply (stay), onTimeout, a compensation confirmed (or
 * not) by its reply, and an event per end state. Its contracts are the test's own.
 */
export interface OrderData {
  orderId: string;
  customerId: string;
  sku: string;
  /** Units to take from stock; 0 (a gift card) skips the stock steps. */
  quantity: number;
  /** The customer accepts waiting for a restock when the stock is short. */
  backorder: boolean;
  reserved: boolean;
  /** Units the current restock asks the supplier for (0 when none is due). */
  missing: number;
  restocks: number;
  trackingId?: string;
}

export const orderData = (
  init: Pick<OrderData, 'orderId' | 'customerId'> & Partial<OrderData>,
): OrderData => ({
  sku: 'racket-pro',
  quantity: 2,
  backorder: true,
  reserved: false,
  missing: 0,
  restocks: 0,
  ...init,
});

const shop = 'shop' as ServiceName;
const supplier = 'supplier' as ServiceName;
const carrier = 'carrier' as ServiceName;
const ORDER_TOPIC = 'shop.order.v1';
const id = { type: 'string', minLength: 1 } as const;
const count = { type: 'integer', minimum: 0 } as const;
const object = <P extends Record<string, unknown>>(properties: P, required: (keyof P & string)[]) =>
  ({ type: 'object', additionalProperties: false, properties, required }) as const;

export const ReserveStock = defineMessage<{ orderId: string; sku: string; quantity: number }>({
  type: 'shop.reserve-stock.v1',
  kind: 'command',
  service: shop,
  summary: 'hold units of an SKU for an order',
  schema: object({ orderId: id, sku: id, quantity: count }, ['orderId', 'sku', 'quantity']),
});
export const ReserveStockResult = defineMessage<{
  orderId: string;
  outcome: 'reserved' | 'out-of-stock';
  missing?: number;
}>({
  type: 'shop.reserve-stock.result.v1',
  kind: 'reply',
  service: shop,
  summary: 'reserved, or how many units are missing',
  schema: object({ orderId: id, outcome: { enum: ['reserved', 'out-of-stock'] }, missing: count }, [
    'orderId',
    'outcome',
  ]),
});
export const ReleaseStock = defineMessage<{ orderId: string }>({
  type: 'shop.release-stock.v1',
  kind: 'command',
  service: shop,
  summary: "give an order's reserved units back",
  schema: object({ orderId: id }, ['orderId']),
});
export const ReleaseStockResult = defineMessage<{
  orderId: string;
  outcome: 'released' | 'already-taken' | 'unknown-reservation';
}>({
  type: 'shop.release-stock.result.v1',
  kind: 'reply',
  service: shop,
  summary: 'released, or why not',
  schema: object({ orderId: id, outcome: { enum: ['released', 'already-taken', 'unknown-reservation'] } }, [
    'orderId',
    'outcome',
  ]),
});
export const TakeStock = defineMessage<{ orderId: string }>({
  type: 'shop.take-stock.v1',
  kind: 'command',
  service: shop,
  summary: "turn an order's reservation into units gone",
  schema: object({ orderId: id }, ['orderId']),
});
export const TakeStockResult = defineMessage<{ orderId: string; outcome: 'taken' | 'unknown-reservation' }>({
  type: 'shop.take-stock.result.v1',
  kind: 'reply',
  service: shop,
  summary: 'taken, or no such reservation',
  schema: object({ orderId: id, outcome: { enum: ['taken', 'unknown-reservation'] } }, [
    'orderId',
    'outcome',
  ]),
});
export const Restock = defineMessage<{
  restockId: string;
  sku: string;
  quantity: number;
  idempotencyKey: string;
}>({
  type: 'supplier.restock.v1',
  kind: 'command',
  service: supplier,
  summary: 'deliver units of an SKU to the shop',
  schema: object({ restockId: id, sku: id, quantity: count, idempotencyKey: id }, [
    'restockId',
    'sku',
    'quantity',
    'idempotencyKey',
  ]),
});
export const RestockResult = defineMessage<{
  restockId: string;
  outcome: 'delivered' | 'pending' | 'failed';
  reason?: string;
}>({
  type: 'supplier.restock.result.v1',
  kind: 'reply',
  service: supplier,
  summary: 'delivered, pending (answered again later) or failed',
  schema: object({ restockId: id, outcome: { enum: ['delivered', 'pending', 'failed'] }, reason: id }, [
    'restockId',
    'outcome',
  ]),
});
export const Ship = defineMessage<{ orderId: string; sku: string; quantity: number }>({
  type: 'carrier.ship.v1',
  kind: 'command',
  service: carrier,
  summary: 'carry an order to the customer',
  schema: object({ orderId: id, sku: id, quantity: count }, ['orderId', 'sku', 'quantity']),
});
export const ShipResult = defineMessage<{
  orderId: string;
  outcome: 'shipped' | 'failed';
  trackingId?: string;
  reason?: string;
}>({
  type: 'carrier.ship.result.v1',
  kind: 'reply',
  service: carrier,
  summary: 'shipped with a tracking id, or failed',
  schema: object({ orderId: id, outcome: { enum: ['shipped', 'failed'] }, trackingId: id, reason: id }, [
    'orderId',
    'outcome',
  ]),
});
const ended = (type: string, summary: string, extra: Record<string, unknown>) =>
  defineMessage<{ orderId: string; reason: string; step?: string }>({
    type,
    kind: 'event',
    topic: ORDER_TOPIC,
    summary,
    schema: object({ orderId: id, reason: { type: 'string' } as const, ...extra }, ['orderId', 'reason']),
  });
export const OrderCompleted = defineMessage<{ orderId: string; trackingId: string; quantity: number }>({
  type: 'shop.order.completed.v1',
  kind: 'event',
  topic: ORDER_TOPIC,
  summary: 'the order shipped and its stock was taken',
  schema: object({ orderId: id, trackingId: id, quantity: count }, ['orderId', 'trackingId', 'quantity']),
});
export const OrderFailed = ended('shop.order.failed.v1', 'the order failed; what it held was given back', {});
export const OrderRejected = ended('shop.order.rejected.v1', 'the order was refused; it held nothing', {});
export const OrderNeedsAttention = ended(
  'shop.order.needs-attention.v1',
  'a compensation was not confirmed',
  {
    step: id,
  },
);

export const orderRegistry = new MessageRegistry(
  [
    ReserveStock,
    ReserveStockResult,
    ReleaseStock,
    ReleaseStockResult,
    TakeStock,
    TakeStockResult,
    Restock,
    RestockResult,
    Ship,
    ShipResult,
    OrderCompleted,
    OrderFailed,
    OrderRejected,
    OrderNeedsAttention,
  ],
  [ORDER_TOPIC],
);

export interface OrderSagaOptions {
  stepMs?: number;
  restockMs?: number;
  compensationMs?: number;
  compensationAttempts?: number;
}

export function orderSaga(options: OrderSagaOptions = {}) {
  const stepMs = options.stepMs ?? 30_000;
  return defineSaga<OrderData>('order')
    .lockKey((d) => d.customerId)
    .compensationPolicy({
      maxAttempts: options.compensationAttempts ?? 3,
      deadline: options.compensationMs ?? 30_000,
    })
    .step('reserve-stock', (s) =>
      s
        .when((d) => d.quantity > 0)
        .send(ReserveStock, (d) => ({
          subject: d.orderId,
          data: { orderId: d.orderId, sku: d.sku, quantity: d.quantity },
        }))
        .onReply(ReserveStockResult, (d, reply) => {
          if (reply.data.outcome === 'reserved') return next({ ...d, reserved: true, missing: 0 });
          if (d.backorder && d.restocks === 0) {
            return goTo('restock', { ...d, missing: reply.data.missing || d.quantity });
          }
          return reject('out of stock');
        })
        .deadline(stepMs)
        .compensate(ReleaseStock, (d) => ({ subject: d.orderId, data: { orderId: d.orderId } }))
        // Released, or never reserved: nothing is held. Already taken cannot be undone here.
        .onCompensationReply(ReleaseStockResult, (_d, reply) => reply.data.outcome !== 'already-taken'),
    )
    .step('restock', (s) =>
      s
        .when((d) => d.missing > 0)
        .send(Restock, (d, ctx) => ({
          subject: d.orderId,
          data: {
            restockId: `${ctx.sagaId}-restock-${d.restocks + 1}`,
            sku: d.sku,
            quantity: d.missing,
            // Derived from the saga, so a replayed command never restocks twice.
            idempotencyKey: `${ctx.sagaId}:restock:${d.restocks + 1}`,
          },
        }))
        .onReply(RestockResult, (d, reply) => {
          if (reply.data.outcome === 'delivered') {
            return goTo('reserve-stock', { ...d, restocks: d.restocks + 1, missing: 0 });
          }
          if (reply.data.outcome === 'pending') return stay();
          return reject(`restock failed: ${reply.data.reason ?? 'refused'}`);
        })
        .deadline(options.restockMs ?? 600_000)
        .onTimeout(() => reject('restock timed out')),
    )
    .step('ship', (s) =>
      s
        .send(Ship, (d) => ({
          subject: d.orderId,
          data: { orderId: d.orderId, sku: d.sku, quantity: d.quantity },
        }))
        .onReply(ShipResult, (d, reply) =>
          reply.data.outcome === 'shipped'
            ? next({ ...d, trackingId: reply.data.trackingId ?? d.orderId })
            : fail(`shipping failed: ${reply.data.reason ?? 'carrier refused'}`),
        )
        .deadline(stepMs),
    )
    .step('take-stock', (s) =>
      s
        .when((d) => d.reserved)
        .send(TakeStock, (d) => ({ subject: d.orderId, data: { orderId: d.orderId } }))
        .onReply(TakeStockResult, (_d, reply) =>
          reply.data.outcome === 'taken' ? next() : fail('the reservation vanished before it was taken'),
        )
        .deadline(stepMs),
    )
    .onCompleted(OrderCompleted, (d) => ({
      subject: d.orderId,
      data: {
        orderId: d.orderId,
        trackingId: d.trackingId ?? d.orderId,
        quantity: d.reserved ? d.quantity : 0,
      },
    }))
    .onFailed(OrderFailed, (d, ctx) => ({
      subject: d.orderId,
      data: { orderId: d.orderId, reason: ctx.reason ?? 'failed' },
    }))
    .onRejected(OrderRejected, (d, ctx) => ({
      subject: d.orderId,
      data: { orderId: d.orderId, reason: ctx.reason ?? 'rejected' },
    }))
    .onNeedsAttention(OrderNeedsAttention, (d, ctx) => ({
      subject: d.orderId,
      data: { orderId: d.orderId, step: ctx.step ?? 'unknown', reason: ctx.reason ?? 'compensation failed' },
    }))
    .build();
}
