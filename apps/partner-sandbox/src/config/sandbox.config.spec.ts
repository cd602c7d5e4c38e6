import { ConfigError, loadConfig } from '@sportclub/service-kit';
import { DEV_ACCESS_TOKEN } from '../mux/mux.credentials';
import { sandboxConfigSchema, webhookTargetsFromConfig } from './sandbox.config';

const base = { PORT: '3100' };

describe('sandbox config', () => {
  it('needs no webhook variables, and takes an empty one as unset', () => {
    const config = loadConfig(sandboxConfigSchema, { ...base, STRIPE_WEBHOOK_URL: '' });
    expect(webhookTargetsFromConfig(config)).toEqual({});
  });

  it('turns each URL + secret pair into that vendor’s webhook target', () => {
    const config = loadConfig(sandboxConfigSchema, {
      ...base,
      STRIPE_WEBHOOK_URL: 'http://127.0.0.1:3001/webhooks/stripe',
      STRIPE_WEBHOOK_SECRET: 'whsec_sandbox_stripe',
      PAGSEGURO_TOKEN: 'sandbox-pagseguro-token',
    });
    expect(webhookTargetsFromConfig(config)).toEqual({
      stripe: { url: 'http://127.0.0.1:3001/webhooks/stripe', secret: 'whsec_sandbox_stripe' },
      pagseguro: { url: undefined, secret: 'sandbox-pagseguro-token' },
    });
  });

  it('listens for SMTP on 2525 unless SMTP_PORT says otherwise, and refuses a port out of range', () => {
    expect(loadConfig(sandboxConfigSchema, base).SMTP_PORT).toBe(2525);
    expect(loadConfig(sandboxConfigSchema, { ...base, SMTP_PORT: '2600' }).SMTP_PORT).toBe(2600);
    expect(() => loadConfig(sandboxConfigSchema, { ...base, SMTP_PORT: '70000' })).toThrow(/SMTP_PORT/);
  });

  it('fails at boot naming the secret when a webhook URL comes without it', () => {
    const load = () =>
      loadConfig(sandboxConfigSchema, {
        ...base,
        MERCADOPAGO_WEBHOOK_URL: 'http://127.0.0.1:3001/webhooks/mercadopago',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/MERCADOPAGO_WEBHOOK_SECRET/);
  });

  it('takes the messaging vendors’ targets: Twilio signs with the account token, Meta with the app secret', () => {
    const config = loadConfig(sandboxConfigSchema, {
      ...base,
      TWILIO_WEBHOOK_URL: 'http://127.0.0.1:3002/webhooks/twilio/inbound',
      TWILIO_AUTH_TOKEN: 'sandbox-twilio-auth-token',
      WHATSAPP_CLOUD_WEBHOOK_URL: 'http://127.0.0.1:3002/webhooks/whatsapp-cloud',
      WHATSAPP_CLOUD_APP_SECRET: 'sandbox-whatsapp-app-secret',
    });
    expect(webhookTargetsFromConfig(config)).toEqual({
      twilio: { url: 'http://127.0.0.1:3002/webhooks/twilio/inbound', secret: 'sandbox-twilio-auth-token' },
      'whatsapp-cloud': {
        url: 'http://127.0.0.1:3002/webhooks/whatsapp-cloud',
        secret: 'sandbox-whatsapp-app-secret',
      },
    });
    expect(() =>
      loadConfig(sandboxConfigSchema, {
        ...base,
        TWILIO_WEBHOOK_URL: 'http://127.0.0.1:3002/webhooks/twilio',
      }),
    ).toThrow(/TWILIO_AUTH_TOKEN/);
  });

  it("accepts Mux's dev access token unless told another, and signs Mux webhooks with MUX_WEBHOOK_SECRET", () => {
    const dev = loadConfig(sandboxConfigSchema, base);
    expect(dev).toMatchObject({
      MUX_TOKEN_ID: DEV_ACCESS_TOKEN.id,
      MUX_TOKEN_SECRET: DEV_ACCESS_TOKEN.secret,
    });
    expect(dev.MUX_ASSET_READY_DELAY_MS).toBe(3_000);
    const config = loadConfig(sandboxConfigSchema, {
      ...base,
      MUX_TOKEN_ID: 'club-token-id',
      MUX_TOKEN_SECRET: 'club-token-secret',
      MUX_ASSET_READY_DELAY_MS: '50',
      MUX_WEBHOOK_URL: 'http://127.0.0.1:3004/webhooks/mux',
      MUX_WEBHOOK_SECRET: 'sandbox-mux-webhook-secret',
    });
    expect(config).toMatchObject({ MUX_TOKEN_ID: 'club-token-id', MUX_ASSET_READY_DELAY_MS: 50 });
    expect(webhookTargetsFromConfig(config).mux).toEqual({
      url: 'http://127.0.0.1:3004/webhooks/mux',
      secret: 'sandbox-mux-webhook-secret',
    });
    expect(() =>
      loadConfig(sandboxConfigSchema, { ...base, MUX_WEBHOOK_URL: 'http://127.0.0.1:3004/webhooks/mux' }),
    ).toThrow(/MUX_WEBHOOK_SECRET/);
  });

  it('refuses a malformed URL or a short secret', () => {
    expect(() => loadConfig(sandboxConfigSchema, { ...base, STRIPE_WEBHOOK_URL: 'not a url' })).toThrow(
      /STRIPE_WEBHOOK_URL/,
    );
    expect(() => loadConfig(sandboxConfigSchema, { ...base, PAGSEGURO_TOKEN: 'short' })).toThrow(
      /PAGSEGURO_TOKEN/,
    );
  });
});
