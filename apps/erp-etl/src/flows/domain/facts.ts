import type { Flow, FlowAction } from './flows';

/**
 * The normalized facts of the ERP flows: what the platform keeps and reasons about whichever ERP sent
 * them. Money is integer centavos, quantities are integers, instants are ISO-8601 UTC (`…Z`), business
 * dates `YYYY-MM-DD`. A client's transformer produces exactly one fact per accepted webhook event.
 */

/** Where a fact came from: the client, its flow and action, and the client's own event id. */
export interface FactSource {
  client: string;
  flow: Flow;
  action: FlowAction;
  eventId: string;
  occurredAt: string;
}

export interface SaleLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
}

export interface Sale {
  kind: 'sale';
  saleId: string;
  storeId: string;
  soldAt: string;
  channel: 'store' | 'online';
  customerId: string | null;
  lines: SaleLine[];
  totalCents: number;
}

export type PaymentMethod = 'cash' | 'credit_card' | 'debit_card' | 'pix' | 'voucher';

export interface SalePayment {
  kind: 'sale-payment';
  paymentId: string;
  saleId: string;
  method: PaymentMethod;
  amountCents: number;
  installments: number;
  paidAt: string;
}

export interface SaleCancellation {
  kind: 'sale-cancellation';
  saleId: string;
  storeId: string;
  cancelledAt: string;
  reason: string;
}

export interface StockLine {
  sku: string;
  quantity: number;
}

export interface PurchaseOrder {
  kind: 'purchase-order';
  orderId: string;
  supplierId: string;
  storeId: string;
  orderedAt: string;
  expectedOn: string | null;
  lines: (StockLine & { unitCostCents: number })[];
  totalCents: number;
}

export interface PurchaseDocument {
  kind: 'purchase-document';
  orderId: string;
  /** The supplier's invoice (nota fiscal) number and its 44-digit access key. */
  invoiceNumber: string;
  invoiceKey: string;
  issuedAt: string;
  lines: (StockLine & { unitCostCents: number })[];
  totalCents: number;
}

export interface StockConfirmation {
  kind: 'stock-confirmation';
  orderId: string;
  storeId: string;
  confirmedAt: string;
  lines: StockLine[];
}

export interface StockAdjustment {
  kind: 'stock-adjustment';
  adjustmentId: string;
  storeId: string;
  adjustedAt: string;
  reason: 'loss' | 'damage' | 'count_correction' | 'found';
  /** Signed: negative takes stock out. */
  lines: { sku: string; delta: number }[];
}

export interface StockSnapshot {
  kind: 'stock-snapshot';
  snapshotId: string;
  storeId: string;
  takenAt: string;
  lines: StockLine[];
}

export interface MovementValidation {
  kind: 'movement-validation';
  movementId: string;
  storeId: string;
  sku: string;
  expectedQuantity: number;
  countedQuantity: number;
  /** The count matches what the movement says. */
  matches: boolean;
}

export type TransferState = 'created' | 'shipped' | 'received';

export interface TransferDivergence {
  sku: string;
  shipped: number;
  received: number;
  /** received − shipped: negative is missing, positive is surplus. */
  difference: number;
}

export interface TransferStep {
  kind: 'transfer';
  transferId: string;
  state: TransferState;
  fromLocationId: string;
  toStoreId: string;
  at: string;
  lines: StockLine[];
  /** Only on `received`: every SKU whose received quantity differs from the shipped one. */
  divergences: TransferDivergence[];
}

export interface SaleReturn {
  kind: 'return';
  returnId: string;
  saleId: string;
  storeId: string;
  returnedAt: string;
  lines: (StockLine & { reason: string })[];
}

export interface Refund {
  kind: 'refund';
  refundId: string;
  returnId: string;
  /** The sale the refunded return belongs to. */
  saleId: string;
  method: PaymentMethod;
  amountCents: number;
  refundedAt: string;
}

export interface EtlBatch {
  kind: 'etl-batch';
  batchId: string;
  businessDate: string;
  storeIds: string[];
  startedAt: string;
  finishedAt: string;
  records: { sales: number; payments: number; returns: number; stockMovements: number };
}

export interface DataTransformation {
  kind: 'data-transformation';
  runId: string;
  dataset: 'sales' | 'purchases' | 'inventory' | 'transfers' | 'returns';
  transformation: string;
  recordsIn: number;
  recordsOut: number;
  rejected: number;
  finishedAt: string;
}

export type ErpFactBody =
  | Sale
  | SalePayment
  | SaleCancellation
  | PurchaseOrder
  | PurchaseDocument
  | StockConfirmation
  | StockAdjustment
  | StockSnapshot
  | MovementValidation
  | TransferStep
  | SaleReturn
  | Refund
  | EtlBatch
  | DataTransformation;

/** One accepted event as the platform keeps it. */
export type ErpFact<B extends ErpFactBody = ErpFactBody> = B & { source: FactSource };

/** An instant as ISO-8601 UTC, whatever offset the client sent it with. */
export const utc = (instant: string): string => new Date(instant).toISOString();
