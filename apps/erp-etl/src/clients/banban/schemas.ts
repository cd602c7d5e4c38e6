import { z } from 'zod';

/**
 * Banban's webhook payloads (the `data` of each event), one strict schema per flow and action. Banban
 * speaks snake_case, money in integer centavos and quantities in integer units; an unknown field is
 * refused rather than silently dropped, so a change on their side shows up as a 400 naming it.
 */

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits and . _ - only');
/** Banban's store codes: `LJ001` for stores, `CD01` for distribution centres. */
const storeCode = z.string().regex(/^(LJ\d{3}|CD\d{2})$/, 'a store code like LJ001 or CD01');
const shopCode = z.string().regex(/^LJ\d{3}$/, 'a store code like LJ001');
const sku = z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'an upper-case SKU (A-Z, 0-9, -), 3 to 40 long');
const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();
/** Units of one SKU on one line. */
const quantity = z.number().int().min(1).max(100_000);
/** Centavos: up to R$ 10 million on one line or document. */
const cents = z.number().int().min(0).max(1_000_000_000);
const positiveCents = cents.min(1);
const lines = <T extends z.ZodType>(line: T) => z.array(line).min(1).max(1_000);
const paymentMethod = z.enum(['cash', 'credit_card', 'debit_card', 'pix', 'voucher']);
const reason = z.string().trim().min(1).max(200);

/** One SKU appears once per document: a second line of it is an error of that line. */
function uniqueSkus(items: { sku: string }[], ctx: z.RefinementCtx, field: string) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.sku))
      ctx.addIssue({ code: 'custom', path: [field, i, 'sku'], message: `${item.sku} is on an earlier line` });
    seen.add(item.sku);
  });
}

function totalMatches(total: number, computed: number, ctx: z.RefinementCtx, field: string) {
  if (total !== computed)
    ctx.addIssue({ code: 'custom', path: [field], message: `is ${total}, the lines add up to ${computed}` });
}

const saleItem = z.strictObject({
  sku,
  quantity,
  unit_price_cents: positiveCents,
  discount_cents: cents.default(0),
});

const registerSale = z
  .strictObject({
    sale_id: id,
    store_code: shopCode,
    sold_at: instant,
    channel: z.enum(['store', 'ecommerce']),
    customer_id: id.nullable().default(null),
    items: lines(saleItem),
    total_cents: positiveCents,
  })
  .superRefine((sale, ctx) => {
    uniqueSkus(sale.items, ctx, 'items');
    sale.items.forEach((item, i) => {
      if (item.discount_cents > item.unit_price_cents * item.quantity)
        ctx.addIssue({ code: 'custom', path: ['items', i, 'discount_cents'], message: 'exceeds the line' });
    });
    const computed = sale.items.reduce((s, i) => s + i.unit_price_cents * i.quantity - i.discount_cents, 0);
    totalMatches(sale.total_cents, computed, ctx, 'total_cents');
  });

const registerPayment = z
  .strictObject({
    payment_id: id,
    sale_id: id,
    method: paymentMethod,
    amount_cents: positiveCents,
    installments: z.number().int().min(1).max(24).default(1),
    paid_at: instant,
  })
  .refine((p) => p.installments === 1 || p.method === 'credit_card', {
    path: ['installments'],
    message: 'only a credit card pays in installments',
  });

const registerCancellation = z.strictObject({
  sale_id: id,
  store_code: shopCode,
  cancelled_at: instant,
  reason,
});

const costLine = z.strictObject({ sku, quantity, unit_cost_cents: positiveCents });
const costed = <T extends { lines: z.infer<typeof costLine>[]; total_cents: number }>(
  doc: T,
  ctx: z.RefinementCtx,
) => {
  uniqueSkus(doc.lines, ctx, 'lines');
  totalMatches(
    doc.total_cents,
    doc.lines.reduce((s, l) => s + l.unit_cost_cents * l.quantity, 0),
    ctx,
    'total_cents',
  );
};

const createOrder = z
  .strictObject({
    order_id: id,
    supplier_id: id,
    store_code: storeCode,
    ordered_at: instant,
    expected_on: day.nullable().default(null),
    lines: lines(costLine),
    total_cents: positiveCents,
  })
  .superRefine(costed);

const receiveDocument = z
  .strictObject({
    order_id: id,
    invoice_number: z.string().regex(/^\d{1,9}$/, 'the invoice number: 1 to 9 digits'),
    invoice_key: z.string().regex(/^\d{44}$/, 'the 44-digit invoice access key'),
    issued_at: instant,
    lines: lines(costLine),
    total_cents: positiveCents,
  })
  .superRefine(costed);

const stockLine = z.strictObject({ sku, quantity });
const stockLines = lines(stockLine);
const distinctStock = <T extends { lines: { sku: string }[] }>(doc: T, ctx: z.RefinementCtx) =>
  uniqueSkus(doc.lines, ctx, 'lines');

const confirmStock = z
  .strictObject({ order_id: id, store_code: storeCode, confirmed_at: instant, lines: stockLines })
  .superRefine(distinctStock);

const adjustStock = z
  .strictObject({
    adjustment_id: id,
    store_code: storeCode,
    adjusted_at: instant,
    reason: z.enum(['loss', 'damage', 'count_correction', 'found']),
    lines: lines(
      z.strictObject({
        sku,
        delta: z
          .number()
          .int()
          .min(-100_000)
          .max(100_000)
          .refine((d) => d !== 0, 'is 0: nothing to adjust'),
      }),
    ),
  })
  .superRefine(distinctStock);

const takeSnapshot = z
  .strictObject({
    snapshot_id: id,
    store_code: storeCode,
    taken_at: instant,
    // A snapshot counts every SKU of the store, zeros included.
    lines: z
      .array(z.strictObject({ sku, quantity: z.number().int().min(0).max(1_000_000) }))
      .min(1)
      .max(50_000),
  })
  .superRefine(distinctStock);

const validateMovement = z.strictObject({
  movement_id: id,
  store_code: storeCode,
  sku,
  expected_quantity: z.number().int().min(0).max(1_000_000),
  counted_quantity: z.number().int().min(0).max(1_000_000),
  counted_at: instant,
});

const transferBase = { transfer_id: id, origin_code: storeCode, destination_code: shopCode };

const createTransfer = z
  .strictObject({ ...transferBase, created_at: instant, lines: stockLines })
  .refine((t) => t.origin_code !== t.destination_code, {
    path: ['destination_code'],
    message: 'is the origin',
  })
  .superRefine(distinctStock);

const shipProducts = z
  .strictObject({ ...transferBase, shipped_at: instant, lines: stockLines })
  .superRefine(distinctStock);

const receiveAtStore = z
  .strictObject({
    ...transferBase,
    received_at: instant,
    lines: lines(
      z.strictObject({
        sku,
        shipped_quantity: z.number().int().min(0).max(100_000),
        received_quantity: z.number().int().min(0).max(100_000),
      }),
    ),
  })
  .superRefine(distinctStock);

const registerReturn = z
  .strictObject({
    return_id: id,
    sale_id: id,
    store_code: shopCode,
    returned_at: instant,
    lines: lines(z.strictObject({ sku, quantity, reason })),
  })
  .superRefine(distinctStock);

const processRefund = z.strictObject({
  refund_id: id,
  return_id: id,
  sale_id: id,
  method: paymentMethod,
  amount_cents: positiveCents,
  refunded_at: instant,
});

const count = z.number().int().min(0).max(100_000_000);

const dailyBatch = z
  .strictObject({
    batch_id: id,
    business_date: day,
    store_codes: z.array(storeCode).min(1).max(1_000),
    started_at: instant,
    finished_at: instant,
    records: z.strictObject({ sales: count, payments: count, returns: count, stock_movements: count }),
  })
  .refine((b) => Date.parse(b.finished_at) >= Date.parse(b.started_at), {
    path: ['finished_at'],
    message: 'is before started_at',
  });

const dataTransformation = z
  .strictObject({
    run_id: id,
    dataset: z.enum(['sales', 'purchases', 'inventory', 'transfers', 'returns']),
    transformation: z.string().regex(/^[a-z][a-z0-9_]{2,63}$/, 'a snake_case name'),
    records_in: count,
    records_out: count,
    rejected: count,
    finished_at: instant,
  })
  .refine((r) => r.records_out + r.rejected <= r.records_in, {
    path: ['records_out'],
    message: 'records_out + rejected exceeds records_in',
  });

export const banbanSchemas = {
  sales: {
    register_sale: registerSale,
    register_payment: registerPayment,
    register_cancellation: registerCancellation,
  },
  purchase: { create_order: createOrder, receive_document: receiveDocument, confirm_stock: confirmStock },
  inventory: { adjust_stock: adjustStock, take_snapshot: takeSnapshot, validate_movement: validateMovement },
  transfer: {
    create_transfer: createTransfer,
    ship_products: shipProducts,
    receive_at_store: receiveAtStore,
  },
  returns: { register_return: registerReturn, process_refund: processRefund },
  etl: { daily_batch: dailyBatch, data_transformation: dataTransformation },
} as const;
