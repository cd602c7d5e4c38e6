import { BookPaymentHandler } from '../../src/wallet/application/book-payment/book-payment.handler';
import { RecordPaymentHandler } from '../../src/top-ups/application/record-payment/record-payment.handler';
import {
  InMemoryPaymentRepository,
  InMemoryTransactions,
  InMemoryWalletRepository,
  RecordingOutbox,
  ScriptedGateway,
  gatewaysOf,
} from './in-memory-ports';

/**
 * The top-ups use cases' collaborators in memory: Stripe takes cards, Mercado Pago takes Pix, and the
 * real wallet handler books the money (so a spec can check balance = ledger). Both providers note, in
 * `openAtCalls`, how many transactions were open at each of their calls.
 */
export function topUpsKit() {
  const stripe = new ScriptedGateway('stripe');
  const mercadoPago = new ScriptedGateway('mercadopago');
  const gateways = gatewaysOf(stripe, mercadoPago);
  const payments = new InMemoryPaymentRepository();
  const wallets = new InMemoryWalletRepository();
  const outbox = new RecordingOutbox();
  const transactions = new InMemoryTransactions();
  const openAtCalls: number[] = [];
  for (const g of [stripe, mercadoPago]) g.onCall = () => openAtCalls.push(transactions.open);
  /** The platform's default limit; a spec may lower it. */
  const limits = { maximumCentavos: 500_000 };
  const record = new RecordPaymentHandler(
    transactions,
    payments,
    gateways,
    new BookPaymentHandler(wallets, outbox),
    outbox,
    limits,
  );
  const balance = async (tenantId: string, memberId: string) => {
    const available = (await wallets.find({} as never, tenantId, memberId))?.availableCentavos ?? 0;
    expect(wallets.accountTotal(tenantId, `member:${memberId}:available`)).toBe(available);
    return available;
  };
  return {
    stripe,
    mercadoPago,
    gateways,
    payments,
    wallets,
    outbox,
    transactions,
    openAtCalls,
    limits,
    record,
    balance,
  };
}
