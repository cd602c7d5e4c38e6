import { advanceTransfer, transferDivergences } from './transfer';

describe('a transfer', () => {
  it('goes created → shipped → received, one step at a time', () => {
    expect(advanceTransfer(null, 'created')).toEqual({ ok: true, state: 'created' });
    expect(advanceTransfer('created', 'shipped')).toEqual({ ok: true, state: 'shipped' });
    expect(advanceTransfer('shipped', 'received')).toEqual({ ok: true, state: 'received' });
  });

  it('refuses a repeat, a skip and anything after received', () => {
    expect(advanceTransfer('shipped', 'shipped')).toEqual({
      ok: false,
      reason: 'not-next',
      current: 'shipped',
      expected: 'received',
    });
    expect(advanceTransfer('created', 'received')).toMatchObject({ ok: false, expected: 'shipped' });
    expect(advanceTransfer(null, 'shipped')).toMatchObject({ ok: false, expected: 'created' });
    expect(advanceTransfer('received', 'received')).toMatchObject({ ok: false, expected: null });
  });

  it('diverges on missing, surplus, unshipped and unreceived SKUs, in SKU order', () => {
    const shipped = [
      { sku: 'C', quantity: 5 },
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 1 },
    ];
    const received = [
      { sku: 'A', quantity: 3 },
      { sku: 'C', quantity: 5 },
      { sku: 'D', quantity: 1 },
    ];
    expect(transferDivergences(shipped, received)).toEqual([
      { sku: 'A', shipped: 2, received: 3, difference: 1 },
      { sku: 'B', shipped: 1, received: 0, difference: -1 },
      { sku: 'D', shipped: 0, received: 1, difference: 1 },
    ]);
  });
});
