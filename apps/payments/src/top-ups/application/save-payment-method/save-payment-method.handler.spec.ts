import { tx } from '../../../../test/support/in-memory-ports';
import { topUpsKit } from '../../../../test/support/top-ups.kit';
import { SavePaymentMethodHandler } from './save-payment-method.handler';

describe('SavePaymentMethodHandler', () => {
  it("saves the card with the provider that charges the club's cards, for later top-ups", async () => {
    const { gateways, payments } = topUpsKit();
    const saved = await new SavePaymentMethodHandler(gateways, payments).execute(
      tx,
      'club-aurora',
      'ana',
      'tok_visa',
    );
    expect(saved).toEqual({ provider: 'stripe', methodId: 'pm-tok_visa', brand: 'visa', last4: '4242' });
    expect(await payments.savedMethod(tx, 'club-aurora', 'ana', 'stripe')).toMatchObject({
      methodId: 'pm-tok_visa',
    });
    expect(await payments.savedMethod(tx, 'club-boreal', 'ana', 'stripe')).toBeUndefined();
  });
});
