import { tx } from '../../../../test/support/in-memory-ports';
import { topUpsKit } from '../../../../test/support/top-ups.kit';
import { CreateTopUpHandler } from '../create-top-up/create-top-up.handler';
import { GetPaymentHandler } from './get-payment.handler';

describe('GetPaymentHandler', () => {
  it('finds a payment for staff and for its member, never for another member or club', async () => {
    const { gateways, record, payments } = topUpsKit();
    await new CreateTopUpHandler(record, gateways).execute(
      { tenantId: 'club-boreal' },
      {
        paymentId: 'p-1',
        memberId: 'elisa',
        amountCentavos: 5_000,
        method: 'card',
        idempotencyKey: 'k',
      },
    );
    const get = new GetPaymentHandler(payments);
    expect(await get.execute(tx, 'club-boreal', 'p-1')).toMatchObject({ memberId: 'elisa' });
    expect(await get.execute(tx, 'club-boreal', 'p-1', 'elisa')).toMatchObject({ paymentId: 'p-1' });
    expect(await get.execute(tx, 'club-boreal', 'p-1', 'davi')).toBeUndefined();
    expect(await get.execute(tx, 'club-aurora', 'p-1')).toBeUndefined();
  });
});
