import type { StockLine, TransferDivergence, TransferState } from './facts';

/**
 * A transfer between a distribution centre and a store goes created → shipped → received, once each.
 * A step that is not the next one (a repeat, or skipping ahead) is refused with the state it found.
 */
const NEXT: Record<TransferState | 'none', TransferState | null> = {
  none: 'created',
  created: 'shipped',
  shipped: 'received',
  received: null,
};

export type TransferAdvance =
  | { ok: true; state: TransferState }
  | { ok: false; reason: 'not-next'; current: TransferState | null; expected: TransferState | null };

export function advanceTransfer(current: TransferState | null, to: TransferState): TransferAdvance {
  const expected = NEXT[current ?? 'none'];
  return expected === to ? { ok: true, state: to } : { ok: false, reason: 'not-next', current, expected };
}

/**
 * The SKUs a store received in another quantity than was shipped (also those shipped and not received at
 * all, and those received that were never shipped), in SKU order.
 */
export function transferDivergences(shipped: StockLine[], received: StockLine[]): TransferDivergence[] {
  const totals = new Map<string, { shipped: number; received: number }>();
  const at = (sku: string) => totals.get(sku) ?? totals.set(sku, { shipped: 0, received: 0 }).get(sku)!;
  for (const line of shipped) at(line.sku).shipped += line.quantity;
  for (const line of received) at(line.sku).received += line.quantity;
  return [...totals]
    .filter(([, t]) => t.shipped !== t.received)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, t]) => ({
      sku,
      shipped: t.shipped,
      received: t.received,
      difference: t.received - t.shipped,
    }));
}
