import { ConfigError, loadConfig } from '@sportclub/service-kit';
import { paymentsConfigSchema } from './payments.config';

const base = {
  PORT: '3001',
  DATABASE_URL: 'postgres://svc_payments:payments-dev@127.0.0.1:5432/payments',
  KAFKA_BROKERS: '127.0.0.1:9092',
  RABBITMQ_URL: 'amqp://127.0.0.1:5672',
  STRIPE_SECRET_KEY: 'sk_test_sandbox',
  STRIPE_WEBHOOK_SECRET: 'whsec_sandbox_stripe',
  MERCADOPAGO_ACCESS_TOKEN: 'TEST-sandbox-mercadopago',
  MERCADOPAGO_WEBHOOK_SECRET: 'sandbox-mercadopago-webhook-secret',
  PAGSEGURO_TOKEN: 'sandbox-pagseguro-token',
};

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(paymentsConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('payments config', () => {
  it("defaults each provider's minimum charge, and takes no previous secret unless one is rotating", () => {
    const config = loadConfig(paymentsConfigSchema, { ...base, STRIPE_WEBHOOK_SECRET_PREVIOUS: '' });
    expect(config).toMatchObject({
      STRIPE_MIN_CHARGE_CENTAVOS: 50,
      MERCADOPAGO_MIN_CHARGE_CENTAVOS: 50,
      PAGSEGURO_MIN_CHARGE_CENTAVOS: 100,
      MAX_TOP_UP_CENTAVOS: 500_000,
    });
    expect(config.STRIPE_WEBHOOK_SECRET_PREVIOUS).toBeUndefined();
    expect(config.MERCADOPAGO_WEBHOOK_SECRET_PREVIOUS).toBeUndefined();
    expect(config.PAGSEGURO_TOKEN_PREVIOUS).toBeUndefined();
  });

  it('takes a previous secret for each receiver during a rotation', () => {
    const rotating = {
      STRIPE_WEBHOOK_SECRET_PREVIOUS: 'whsec_previous_stripe',
      MERCADOPAGO_WEBHOOK_SECRET_PREVIOUS: 'previous-mercadopago-secret',
      PAGSEGURO_TOKEN_PREVIOUS: 'previous-pagseguro-token',
    };
    expect(loadConfig(paymentsConfigSchema, { ...base, ...rotating })).toMatchObject(rotating);
  });

  it('fails at boot naming the variable: a previous secret equal to the current, too short, a bad minimum', () => {
    expect(
      problems({
        ...base,
        STRIPE_WEBHOOK_SECRET_PREVIOUS: base.STRIPE_WEBHOOK_SECRET,
        MERCADOPAGO_WEBHOOK_SECRET_PREVIOUS: 'short',
        PAGSEGURO_MIN_CHARGE_CENTAVOS: '0',
      }),
    ).toEqual(
      expect.arrayContaining([
        {
          variable: 'STRIPE_WEBHOOK_SECRET_PREVIOUS',
          reason:
            'is the same as STRIPE_WEBHOOK_SECRET: set it to the secret being replaced, or leave it unset',
        },
        { variable: 'MERCADOPAGO_WEBHOOK_SECRET_PREVIOUS', reason: expect.stringMatching(/16/) },
        { variable: 'PAGSEGURO_MIN_CHARGE_CENTAVOS', reason: expect.any(String) },
      ]),
    );
  });

  it('fails at boot on a top-up limit that is not a whole number of centavos, or below a minimum', () => {
    expect(loadConfig(paymentsConfigSchema, { ...base, MAX_TOP_UP_CENTAVOS: '200000' })).toMatchObject({
      MAX_TOP_UP_CENTAVOS: 200_000,
    });
    for (const value of ['0', '-1', '12.5', 'lots', '9007199254740992']) {
      const found = problems({ ...base, MAX_TOP_UP_CENTAVOS: value });
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((p) => p.variable === 'MAX_TOP_UP_CENTAVOS')).toBe(true);
    }
    expect(problems({ ...base, MAX_TOP_UP_CENTAVOS: '80', PAGSEGURO_MIN_CHARGE_CENTAVOS: '100' })).toEqual([
      {
        variable: 'MAX_TOP_UP_CENTAVOS',
        reason: 'is below PAGSEGURO_MIN_CHARGE_CENTAVOS (100): no top-up could be charged',
      },
    ]);
  });
});
