import { UNKNOWN_FIELD } from '@sportclub/service-kit';
import { FLOW_ACTIONS, type Flow } from '../../flows/domain/flows';
import { parseEvent, toFact, type ErpEvent } from '../erp-client';
import { erpClient } from '../registry';
import { banban } from '.';

const at = '2026-12-03T14:25:00-03:00';

/** A valid `data` for every action, as Banban sends it. */
const examples: { [F in Flow]: Record<(typeof FLOW_ACTIONS)[F][number], Record<string, unknown>> } = {
  sales: {
    register_sale: {
      sale_id: 'V-000981',
      store_code: 'LJ001',
      sold_at: at,
      channel: 'store',
      customer_id: 'C-5531',
      items: [
        { sku: 'TEN-RUN-42', quantity: 1, unit_price_cents: 39_990, discount_cents: 4_000 },
        { sku: 'MEIA-ESP-M', quantity: 3, unit_price_cents: 2_990 },
      ],
      total_cents: 44_960,
    },
    register_payment: {
      payment_id: 'P-1',
      sale_id: 'V-000981',
      method: 'credit_card',
      amount_cents: 44_960,
      installments: 3,
      paid_at: at,
    },
    register_cancellation: {
      sale_id: 'V-000981',
      store_code: 'LJ001',
      cancelled_at: at,
      reason: 'cliente desistiu',
    },
  },
  purchase: {
    create_order: {
      order_id: 'PC-77',
      supplier_id: 'F-12',
      store_code: 'CD01',
      ordered_at: at,
      expected_on: '2026-12-10',
      lines: [{ sku: 'TEN-RUN-42', quantity: 24, unit_cost_cents: 18_000 }],
      total_cents: 432_000,
    },
    receive_document: {
      order_id: 'PC-77',
      invoice_number: '123456',
      invoice_key: '35261212345678000199550010001234561000123456',
      issued_at: at,
      lines: [{ sku: 'TEN-RUN-42', quantity: 24, unit_cost_cents: 18_000 }],
      total_cents: 432_000,
    },
    confirm_stock: {
      order_id: 'PC-77',
      store_code: 'CD01',
      confirmed_at: at,
      lines: [{ sku: 'TEN-RUN-42', quantity: 23 }],
    },
  },
  inventory: {
    adjust_stock: {
      adjustment_id: 'AJ-3',
      store_code: 'LJ002',
      adjusted_at: at,
      reason: 'damage',
      lines: [{ sku: 'BOLA-FUT-5', delta: -2 }],
    },
    take_snapshot: {
      snapshot_id: 'SN-2026-12-03-LJ002',
      store_code: 'LJ002',
      taken_at: at,
      lines: [
        { sku: 'BOLA-FUT-5', quantity: 14 },
        { sku: 'TEN-RUN-42', quantity: 0 },
      ],
    },
    validate_movement: {
      movement_id: 'MV-9',
      store_code: 'LJ002',
      sku: 'BOLA-FUT-5',
      expected_quantity: 14,
      counted_quantity: 13,
      counted_at: at,
    },
  },
  transfer: {
    create_transfer: {
      transfer_id: 'TR-55',
      origin_code: 'CD01',
      destination_code: 'LJ001',
      created_at: at,
      lines: [
        { sku: 'TEN-RUN-42', quantity: 6 },
        { sku: 'MEIA-ESP-M', quantity: 20 },
      ],
    },
    ship_products: {
      transfer_id: 'TR-55',
      origin_code: 'CD01',
      destination_code: 'LJ001',
      shipped_at: at,
      lines: [
        { sku: 'TEN-RUN-42', quantity: 6 },
        { sku: 'MEIA-ESP-M', quantity: 20 },
      ],
    },
    receive_at_store: {
      transfer_id: 'TR-55',
      origin_code: 'CD01',
      destination_code: 'LJ001',
      received_at: at,
      lines: [
        { sku: 'TEN-RUN-42', shipped_quantity: 6, received_quantity: 6 },
        { sku: 'MEIA-ESP-M', shipped_quantity: 20, received_quantity: 18 },
      ],
    },
  },
  returns: {
    register_return: {
      return_id: 'DV-4',
      sale_id: 'V-000981',
      store_code: 'LJ001',
      returned_at: at,
      lines: [{ sku: 'TEN-RUN-42', quantity: 1, reason: 'tamanho errado' }],
    },
    process_refund: {
      refund_id: 'RE-4',
      return_id: 'DV-4',
      sale_id: 'V-000981',
      method: 'pix',
      amount_cents: 35_990,
      refunded_at: at,
    },
  },
  etl: {
    daily_batch: {
      batch_id: 'B-2026-12-02',
      business_date: '2026-12-02',
      store_codes: ['LJ001', 'LJ002', 'CD01'],
      started_at: '2026-12-03T03:00:00Z',
      finished_at: '2026-12-03T03:07:41Z',
      records: { sales: 812, payments: 845, returns: 9, stock_movements: 1_502 },
    },
    data_transformation: {
      run_id: 'R-88',
      dataset: 'sales',
      transformation: 'rfm_scores',
      records_in: 812,
      records_out: 806,
      rejected: 6,
      finished_at: at,
    },
  },
};

const cases = (Object.keys(FLOW_ACTIONS) as Flow[]).flatMap((flow) =>
  Object.entries(examples[flow]).map(([action, data]) => ({ flow, action, data })),
);

const body = (action: string, data: unknown, extra: Record<string, unknown> = {}) => ({
  eventId: 'evt-1',
  action,
  occurredAt: at,
  data,
  ...extra,
});

function accepted(flow: Flow, action: string, data: unknown): ErpEvent {
  const parsed = parseEvent(banban, flow, body(action, data));
  if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.problems)}`);
  return parsed.event;
}

function problems(flow: Flow, action: string, data: unknown, extra?: Record<string, unknown>) {
  const parsed = parseEvent(banban, flow, body(action, data, extra));
  return parsed.ok ? [] : parsed.problems;
}

const withData = <F extends Flow>(
  flow: F,
  action: (typeof FLOW_ACTIONS)[F][number],
  patch: Record<string, unknown>,
) => ({
  ...(examples[flow] as Record<string, Record<string, unknown>>)[action],
  ...patch,
});

describe('Banban', () => {
  it('is registered and defines every action of the six flows', () => {
    expect(erpClient('banban')).toBe(banban);
    expect(cases).toHaveLength(16);
    for (const flow of Object.keys(FLOW_ACTIONS) as Flow[])
      expect(Object.keys(banban.flows[flow]).sort()).toEqual([...FLOW_ACTIONS[flow]].sort());
  });

  it.each(cases)(
    '$flow/$action: its example is accepted and becomes one normalized fact',
    ({ flow, action, data }) => {
      const fact = toFact(banban, flow, accepted(flow, action, data));
      expect(fact.source).toEqual({
        client: 'banban',
        flow,
        action,
        eventId: 'evt-1',
        occurredAt: '2026-12-03T17:25:00.000Z',
      });
      expect(JSON.stringify(fact)).not.toMatch(/"[a-z]+_[a-z_]+":/); // no snake_case left
    },
  );

  describe('refuses, naming the field and the reason', () => {
    it.each([
      [
        'a fractional quantity',
        'sales',
        'register_sale',
        withData('sales', 'register_sale', {
          items: [{ sku: 'TEN-RUN-42', quantity: 1.5, unit_price_cents: 100 }],
          total_cents: 150,
        }),
        'data.items.0.quantity',
        /expected int/,
      ],
      [
        'a total that is not the lines',
        'sales',
        'register_sale',
        withData('sales', 'register_sale', { total_cents: 44_961 }),
        'data.total_cents',
        /lines add up to 44960/,
      ],
      [
        'an amount in reais',
        'sales',
        'register_payment',
        withData('sales', 'register_payment', { amount_cents: 449.6 }),
        'data.amount_cents',
        /expected int/,
      ],
      [
        'installments on Pix',
        'sales',
        'register_payment',
        withData('sales', 'register_payment', { method: 'pix' }),
        'data.installments',
        /credit card/,
      ],
      [
        'a store code from nowhere',
        'sales',
        'register_cancellation',
        withData('sales', 'register_cancellation', { store_code: 'loja 1' }),
        'data.store_code',
        /store code/,
      ],
      [
        'a lower-case SKU',
        'inventory',
        'adjust_stock',
        withData('inventory', 'adjust_stock', { lines: [{ sku: 'bola', delta: 1 }] }),
        'data.lines.0.sku',
        /upper-case SKU/,
      ],
      [
        'an adjustment of nothing',
        'inventory',
        'adjust_stock',
        withData('inventory', 'adjust_stock', { lines: [{ sku: 'BOLA-FUT-5', delta: 0 }] }),
        'data.lines.0.delta',
        /nothing to adjust/,
      ],
      [
        'the same SKU twice',
        'transfer',
        'ship_products',
        withData('transfer', 'ship_products', {
          lines: [
            { sku: 'TEN-RUN-42', quantity: 1 },
            { sku: 'TEN-RUN-42', quantity: 2 },
          ],
        }),
        'data.lines.1.sku',
        /earlier line/,
      ],
      [
        'a transfer to where it comes from',
        'transfer',
        'create_transfer',
        withData('transfer', 'create_transfer', { origin_code: 'LJ001' }),
        'data.destination_code',
        /origin/,
      ],
      [
        'a bad invoice key',
        'purchase',
        'receive_document',
        withData('purchase', 'receive_document', { invoice_key: '123' }),
        'data.invoice_key',
        /44-digit/,
      ],
      [
        'a timestamp without an offset',
        'returns',
        'process_refund',
        withData('returns', 'process_refund', { refunded_at: '2026-12-03 14:25' }),
        'data.refunded_at',
        /datetime/i,
      ],
      [
        'a batch that ends before it starts',
        'etl',
        'daily_batch',
        withData('etl', 'daily_batch', { finished_at: '2026-12-03T02:00:00Z' }),
        'data.finished_at',
        /before started_at/,
      ],
    ] as const)('%s', (_, flow, action, data, field, reason) => {
      expect(problems(flow, action, data)).toEqual([{ field, reason: expect.stringMatching(reason) }]);
    });

    it('a field Banban does not send', () => {
      expect(
        problems(
          'sales',
          'register_cancellation',
          withData('sales', 'register_cancellation', { colour: 'red' }),
        ),
      ).toEqual([{ field: 'data.colour', reason: UNKNOWN_FIELD }]);
    });

    it('a missing field', () => {
      const { sale_id: _, ...data } = examples.returns.process_refund;
      expect(problems('returns', 'process_refund', data)).toEqual([
        { field: 'data.sale_id', reason: expect.stringMatching(/expected string/) },
      ]);
    });

    it('an action of another flow, and a broken envelope', () => {
      expect(problems('sales', 'create_order', examples.purchase.create_order)).toEqual([
        { field: 'action', reason: expect.stringMatching(/not an action of the sales flow/) },
      ]);
      expect(
        problems('sales', 'register_sale', examples.sales.register_sale, { eventId: '', extra: 1 }),
      ).toEqual(
        expect.arrayContaining([
          { field: 'eventId', reason: expect.any(String) },
          { field: 'extra', reason: UNKNOWN_FIELD },
        ]),
      );
      expect(problems('sales', 'register_sale', undefined)).toEqual([{ field: 'data', reason: 'required' }]);
    });
  });

  describe('normalized facts', () => {
    it('a sale: camelCase lines, online channel, UTC instant, default discount 0', () => {
      const fact = toFact(
        banban,
        'sales',
        accepted('sales', 'register_sale', withData('sales', 'register_sale', { channel: 'ecommerce' })),
      );
      expect(fact).toMatchObject({
        kind: 'sale',
        saleId: 'V-000981',
        storeId: 'LJ001',
        soldAt: '2026-12-03T17:25:00.000Z',
        channel: 'online',
        customerId: 'C-5531',
        totalCents: 44_960,
        lines: [
          { sku: 'TEN-RUN-42', quantity: 1, unitPriceCents: 39_990, discountCents: 4_000 },
          { sku: 'MEIA-ESP-M', quantity: 3, unitPriceCents: 2_990, discountCents: 0 },
        ],
      });
    });

    it('a refund is linked to the return and to its sale', () => {
      const fact = toFact(
        banban,
        'returns',
        accepted('returns', 'process_refund', examples.returns.process_refund),
      );
      expect(fact).toMatchObject({
        kind: 'refund',
        refundId: 'RE-4',
        returnId: 'DV-4',
        saleId: 'V-000981',
        amountCents: 35_990,
      });
    });

    it('a transfer goes created → shipped → received', () => {
      const states = (['create_transfer', 'ship_products', 'receive_at_store'] as const).map((a) =>
        toFact(banban, 'transfer', accepted('transfer', a, examples.transfer[a])),
      );
      expect(states.map((f) => f.kind === 'transfer' && f.state)).toEqual(['created', 'shipped', 'received']);
    });

    it('a store that received less than was shipped gets a divergence per SKU', () => {
      const fact = toFact(
        banban,
        'transfer',
        accepted('transfer', 'receive_at_store', examples.transfer.receive_at_store),
      );
      expect(fact).toMatchObject({
        kind: 'transfer',
        state: 'received',
        lines: [
          { sku: 'TEN-RUN-42', quantity: 6 },
          { sku: 'MEIA-ESP-M', quantity: 18 },
        ],
        divergences: [{ sku: 'MEIA-ESP-M', shipped: 20, received: 18, difference: -2 }],
      });
    });

    it('a transfer received exactly as shipped has no divergence', () => {
      const data = withData('transfer', 'receive_at_store', {
        lines: [{ sku: 'TEN-RUN-42', shipped_quantity: 6, received_quantity: 6 }],
      });
      expect(toFact(banban, 'transfer', accepted('transfer', 'receive_at_store', data))).toMatchObject({
        divergences: [],
      });
    });

    it('a count that differs from the movement does not match', () => {
      const fact = toFact(
        banban,
        'inventory',
        accepted('inventory', 'validate_movement', examples.inventory.validate_movement),
      );
      expect(fact).toMatchObject({
        kind: 'movement-validation',
        expectedQuantity: 14,
        countedQuantity: 13,
        matches: false,
      });
    });
  });
});
