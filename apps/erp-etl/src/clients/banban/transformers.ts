import type { z } from 'zod';
import { utc, type ErpFactBody } from '../../flows/domain/facts';
import { transferDivergences } from '../../flows/domain/transfer';
import type { banbanSchemas as S } from './schemas';

/** Banban's payloads onto the platform's normalized facts: camelCase, UTC instants, named states. */
type Data<T> = z.output<T & z.ZodType>;

export const banbanTransformers = {
  sales: {
    register_sale: (d: Data<typeof S.sales.register_sale>): ErpFactBody => ({
      kind: 'sale',
      saleId: d.sale_id,
      storeId: d.store_code,
      soldAt: utc(d.sold_at),
      channel: d.channel === 'ecommerce' ? 'online' : 'store',
      customerId: d.customer_id,
      lines: d.items.map((i) => ({
        sku: i.sku,
        quantity: i.quantity,
        unitPriceCents: i.unit_price_cents,
        discountCents: i.discount_cents,
      })),
      totalCents: d.total_cents,
    }),
    register_payment: (d: Data<typeof S.sales.register_payment>): ErpFactBody => ({
      kind: 'sale-payment',
      paymentId: d.payment_id,
      saleId: d.sale_id,
      method: d.method,
      amountCents: d.amount_cents,
      installments: d.installments,
      paidAt: utc(d.paid_at),
    }),
    register_cancellation: (d: Data<typeof S.sales.register_cancellation>): ErpFactBody => ({
      kind: 'sale-cancellation',
      saleId: d.sale_id,
      storeId: d.store_code,
      cancelledAt: utc(d.cancelled_at),
      reason: d.reason,
    }),
  },
  purchase: {
    create_order: (d: Data<typeof S.purchase.create_order>): ErpFactBody => ({
      kind: 'purchase-order',
      orderId: d.order_id,
      supplierId: d.supplier_id,
      storeId: d.store_code,
      orderedAt: utc(d.ordered_at),
      expectedOn: d.expected_on,
      lines: d.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitCostCents: l.unit_cost_cents })),
      totalCents: d.total_cents,
    }),
    receive_document: (d: Data<typeof S.purchase.receive_document>): ErpFactBody => ({
      kind: 'purchase-document',
      orderId: d.order_id,
      invoiceNumber: d.invoice_number,
      invoiceKey: d.invoice_key,
      issuedAt: utc(d.issued_at),
      lines: d.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitCostCents: l.unit_cost_cents })),
      totalCents: d.total_cents,
    }),
    confirm_stock: (d: Data<typeof S.purchase.confirm_stock>): ErpFactBody => ({
      kind: 'stock-confirmation',
      orderId: d.order_id,
      storeId: d.store_code,
      confirmedAt: utc(d.confirmed_at),
      lines: d.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    }),
  },
  inventory: {
    adjust_stock: (d: Data<typeof S.inventory.adjust_stock>): ErpFactBody => ({
      kind: 'stock-adjustment',
      adjustmentId: d.adjustment_id,
      storeId: d.store_code,
      adjustedAt: utc(d.adjusted_at),
      reason: d.reason,
      lines: d.lines.map((l) => ({ sku: l.sku, delta: l.delta })),
    }),
    take_snapshot: (d: Data<typeof S.inventory.take_snapshot>): ErpFactBody => ({
      kind: 'stock-snapshot',
      snapshotId: d.snapshot_id,
      storeId: d.store_code,
      takenAt: utc(d.taken_at),
      lines: d.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    }),
    validate_movement: (d: Data<typeof S.inventory.validate_movement>): ErpFactBody => ({
      kind: 'movement-validation',
      movementId: d.movement_id,
      storeId: d.store_code,
      sku: d.sku,
      expectedQuantity: d.expected_quantity,
      countedQuantity: d.counted_quantity,
      matches: d.expected_quantity === d.counted_quantity,
    }),
  },
  transfer: {
    create_transfer: (d: Data<typeof S.transfer.create_transfer>): ErpFactBody => ({
      kind: 'transfer',
      transferId: d.transfer_id,
      state: 'created',
      fromLocationId: d.origin_code,
      toStoreId: d.destination_code,
      at: utc(d.created_at),
      lines: d.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      divergences: [],
    }),
    ship_products: (d: Data<typeof S.transfer.ship_products>): ErpFactBody => ({
      kind: 'transfer',
      transferId: d.transfer_id,
      state: 'shipped',
      fromLocationId: d.origin_code,
      toStoreId: d.destination_code,
      at: utc(d.shipped_at),
      lines: d.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      divergences: [],
    }),
    receive_at_store: (d: Data<typeof S.transfer.receive_at_store>): ErpFactBody => ({
      kind: 'transfer',
      transferId: d.transfer_id,
      state: 'received',
      fromLocationId: d.origin_code,
      toStoreId: d.destination_code,
      at: utc(d.received_at),
      lines: d.lines
        .filter((l) => l.received_quantity > 0)
        .map((l) => ({ sku: l.sku, quantity: l.received_quantity })),
      divergences: transferDivergences(
        d.lines.map((l) => ({ sku: l.sku, quantity: l.shipped_quantity })),
        d.lines.map((l) => ({ sku: l.sku, quantity: l.received_quantity })),
      ),
    }),
  },
  returns: {
    register_return: (d: Data<typeof S.returns.register_return>): ErpFactBody => ({
      kind: 'return',
      returnId: d.return_id,
      saleId: d.sale_id,
      storeId: d.store_code,
      returnedAt: utc(d.returned_at),
      lines: d.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, reason: l.reason })),
    }),
    process_refund: (d: Data<typeof S.returns.process_refund>): ErpFactBody => ({
      kind: 'refund',
      refundId: d.refund_id,
      returnId: d.return_id,
      saleId: d.sale_id,
      method: d.method,
      amountCents: d.amount_cents,
      refundedAt: utc(d.refunded_at),
    }),
  },
  etl: {
    daily_batch: (d: Data<typeof S.etl.daily_batch>): ErpFactBody => ({
      kind: 'etl-batch',
      batchId: d.batch_id,
      businessDate: d.business_date,
      storeIds: d.store_codes,
      startedAt: utc(d.started_at),
      finishedAt: utc(d.finished_at),
      records: {
        sales: d.records.sales,
        payments: d.records.payments,
        returns: d.records.returns,
        stockMovements: d.records.stock_movements,
      },
    }),
    data_transformation: (d: Data<typeof S.etl.data_transformation>): ErpFactBody => ({
      kind: 'data-transformation',
      runId: d.run_id,
      dataset: d.dataset,
      transformation: d.transformation,
      recordsIn: d.records_in,
      recordsOut: d.records_out,
      rejected: d.rejected,
      finishedAt: utc(d.finished_at),
    }),
  },
} as const;
