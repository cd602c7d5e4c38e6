import { tx } from '../../../../test/support/in-memory-ports';
import { topUpsKit } from '../../../../test/support/top-ups.kit';
import { SavePaymentMethodHandler } from './save-payment-method.handler';

function setup() {
  const kit = topUpsKit();
  return { ...kit, save: new SavePaymentMethodHandler(kit.transactions, kit.gateways, kit.payments) };
}

describe('SavePaymentMethodHandler', () => {
  it("saves the card with the provider that charges the club's cards, for later top-ups", async () => {
    const { save, payments } = setup();
    const saved = await save.execute('club-aurora', 'ana', 'tok_visa');
    expect(saved).toEqual({ provider: 'stripe', methodId: 'pm-tok_visa', brand: 'visa', last4: '4242' });
    expect(await payments.savedMethod(tx, 'club-aurora', 'ana', 'stripe')).toMatchObject({
      methodId: 'pm-tok_visa',
    });
    expect(await payments.savedMethod(tx, 'club-boreal', 'ana', 'stripe')).toBeUndefined();
  });

  it('asks the provider with no transaction open, and saves the same card when run again after a crash before the save', async () => {
    const { save, payments, stripe, transactions, openAtCalls } = setup();
    stripe.onCall = () => {
      openAtCalls.push(transactions.open);
      if (openAtCalls.length === 1) transactions.failNext(new Error('killed before the save'));
    };

    await expect(save.execute('club-aurora', 'ana', 'tok_visa')).rejects.toThrow('killed');
    expect(await payments.savedMethod(tx, 'club-aurora', 'ana', 'stripe')).toBeUndefined();
    const again = await save.execute('club-aurora', 'ana', 'tok_visa');

    expect(openAtCalls).toEqual([0, 0]);
    expect(again).toMatchObject({ provider: 'stripe', methodId: 'pm-tok_visa' });
    expect(await payments.savedMethod(tx, 'club-aurora', 'ana', 'stripe')).toMatchObject({
      methodId: 'pm-tok_visa',
    });
  });
});
