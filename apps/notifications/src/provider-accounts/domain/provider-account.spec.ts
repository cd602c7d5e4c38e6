import { generateKeyPairSync } from 'node:crypto';
import {
  InvalidProviderAccountError,
  SHOWN_SETTINGS,
  checkAccount,
  shownSettings,
  type ProviderAccount,
} from './provider-account';

const pem = (type: 'rsa' | 'ec') =>
  (type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' })
  ).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

const fcm = (privateKey: string): ProviderAccount => ({
  provider: 'fcm',
  projectId: 'club-aurora-app',
  clientEmail: 'firebase-adminsdk@club-aurora-app.iam.gserviceaccount.com',
  privateKey,
});

const ACCOUNTS: ProviderAccount[] = [
  {
    provider: 'twilio',
    accountSid: `AC${'ab'.repeat(16)}`,
    authToken: 'secret-twilio-token',
    whatsappFrom: '+551140000000',
    smsFrom: '+551140000001',
    contentSids: { checkin_confirmado: `HX${'cd'.repeat(16)}` },
  },
  {
    provider: 'whatsapp-cloud',
    accessToken: 'secret-meta-access-token',
    phoneNumberId: '106540352240001',
    appSecret: 'secret-meta-app-secret',
    verifyToken: 'secret-meta-verify-token',
  },
  fcm('-----BEGIN PRIVATE KEY-----\nsecret-pem\n-----END PRIVATE KEY-----\n'),
  {
    provider: 'smtp',
    host: 'smtp.aurora.example',
    port: 465,
    secure: true,
    user: 'avisos',
    pass: 'secret-smtp-password',
    from: '"Clube Aurora" <avisos@aurora.example>',
  },
];

describe('a club provider account', () => {
  it('takes an RSA private key in PEM for FCM', () => {
    expect(() => checkAccount(fcm(pem('rsa')))).not.toThrow();
  });

  it.each([
    [
      'text that is no PEM',
      'not a key at all, but long enough to pass the shape check of the contract',
      /is not a PEM private key/,
    ],
    [
      'a public key',
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
        type: 'spki',
        format: 'pem',
      }) as string,
      /is not a PEM private key/,
    ],
    ['an EC key', pem('ec'), /is a key of type ec; a Firebase service account key is RSA/],
  ])('refuses %s as the FCM key, naming privateKey and never echoing it', (_label, key, reason) => {
    let error: unknown;
    try {
      checkAccount(fcm(key));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidProviderAccountError);
    expect(error).toMatchObject({ field: 'privateKey', code: 'invalid_provider_account' });
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain(key.slice(40, 60));
  });

  it.each(ACCOUNTS.map((a) => [a.provider, a] as const))(
    'shows the %s settings that are not secrets, and no secret',
    (provider, account) => {
      const shown = shownSettings(account);
      expect(Object.keys(shown).sort()).toEqual(
        (SHOWN_SETTINGS[provider] as readonly string[]).filter((n) => n in account).sort(),
      );
      expect(JSON.stringify(shown)).not.toMatch(/secret/);
    },
  );
});
