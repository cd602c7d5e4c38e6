import type { ResilientCaller } from '@sportclub/resilience';
import type { PaymentsConfig } from '../../config/payments.config';
import type { PaymentGateway, PaymentGateways } from '../application/ports/payment-gateway.port';
import type { Provider } from '../domain/payment';
import { MercadoPagoPaymentGatewayAdapter } from './mercado-pago/mercado-pago-payment-gateway.adapter';
import { PagSeguroPaymentGatewayAdapter } from './pagseguro/pagseguro-payment-gateway.adapter';
import { StripePaymentGatewayAdapter } from './stripe/stripe-payment-gateway.adapter';

/** The three adapters as configured, and which provider takes which tenant's cards (Pix: Mercado Pago). */
export function paymentGateways(config: PaymentsConfig, caller: ResilientCaller): PaymentGateways {
  const webhook = (path: string) =>
    config.PUBLIC_WEBHOOK_BASE_URL && `${config.PUBLIC_WEBHOOK_BASE_URL}/webhooks/${path}`;
  const all = new Map<Provider, PaymentGateway>([
    [
      'stripe',
      new StripePaymentGatewayAdapter(
        {
          secretKey: config.STRIPE_SECRET_KEY,
          apiUrl: config.STRIPE_API_URL,
          minimumChargeCentavos: config.STRIPE_MIN_CHARGE_CENTAVOS,
        },
        caller,
      ),
    ],
    [
      'mercadopago',
      new MercadoPagoPaymentGatewayAdapter(
        {
          accessToken: config.MERCADOPAGO_ACCESS_TOKEN,
          apiUrl: config.MERCADOPAGO_API_URL,
          notificationUrl: webhook('mercadopago'),
          minimumChargeCentavos: config.MERCADOPAGO_MIN_CHARGE_CENTAVOS,
        },
        caller,
      ),
    ],
    [
      'pagseguro',
      new PagSeguroPaymentGatewayAdapter(
        {
          token: config.PAGSEGURO_TOKEN,
          apiUrl: config.PAGSEGURO_API_URL,
          notificationUrl: webhook('pagseguro'),
          minimumChargeCentavos: config.PAGSEGURO_MIN_CHARGE_CENTAVOS,
        },
        caller,
      ),
    ],
  ]);
  return {
    cardProvider: (tenantId) => config.CARD_PROVIDER_BY_TENANT.get(tenantId) ?? config.CARD_PROVIDER,
    pixProvider: 'mercadopago',
    get: (provider) => all.get(provider)!,
  };
}
