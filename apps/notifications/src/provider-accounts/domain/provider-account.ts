import { createPrivateKey } from 'node:crypto';
import { DomainError } from '@sportclub/service-kit';
import type { ProviderName } from '../../shared/domain/channels';

/**
 * A club's account with each provider: what the adapters need to send and to check webhooks. A club
 * that has none uses the platform's (from the environment); its own is kept encrypted at rest.
 */
export interface ProviderAccounts {
  twilio: {
    accountSid: string;
    authToken: string;
    /** The WhatsApp sender, E.164 (`+551140000000`). */
    whatsappFrom: string;
    /** The SMS sender, E.164. */
    smsFrom: string;
    /**
     * The club's WhatsApp templates approved through Twilio's Content API: template name → Content SID
     * (`HX…`). A template without one is sent as free-form text (fine inside the 24-hour window).
     */
    contentSids?: Record<string, string>;
  };
  'whatsapp-cloud': {
    accessToken: string;
    phoneNumberId: string;
    /** Signs the webhooks Meta sends (`X-Hub-Signature-256`). */
    appSecret: string;
    /** Echoed on the GET subscription handshake (`hub.verify_token`). */
    verifyToken: string;
  };
  fcm: {
    projectId: string;
    clientEmail: string;
    /** PEM, PKCS#8. */
    privateKey: string;
  };
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    user?: string;
    pass?: string;
    /** `"Club Name" <no-reply@club.example>` */
    from: string;
  };
}

/** One account, tagged with its provider. */
export type ProviderAccount = { [P in ProviderName]: { provider: P } & ProviderAccounts[P] }[ProviderName];

/**
 * The settings of each provider that may be shown back (to the club's admin); everything else — auth
 * token, access token, app secret, verify token, private key, SMTP password — is a secret and never is.
 */
export const SHOWN_SETTINGS = {
  twilio: ['accountSid', 'whatsappFrom', 'smsFrom', 'contentSids'],
  'whatsapp-cloud': ['phoneNumberId'],
  fcm: ['projectId', 'clientEmail'],
  smtp: ['host', 'port', 'secure', 'user', 'from'],
} as const satisfies { [P in ProviderName]: readonly (keyof ProviderAccounts[P])[] };

/** The account without its secrets. */
export function shownSettings(account: ProviderAccount): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const name of SHOWN_SETTINGS[account.provider] as readonly string[]) {
    const value = (account as unknown as Record<string, unknown>)[name];
    if (value !== undefined) settings[name] = value;
  }
  return settings;
}

/** An account the club's admin gave that this service will not keep (422 naming the field). */
export class InvalidProviderAccountError extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'invalid_provider_account';
  constructor(
    override readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * What the shape alone cannot tell (the contract checks the shape): an FCM private key must be an RSA
 * private key in PEM — Google's token endpoint takes RS256 assertions — or every push would fail.
 */
export function checkAccount(account: ProviderAccount): void {
  if (account.provider !== 'fcm') return;
  let type: string | undefined;
  try {
    type = createPrivateKey({ key: account.privateKey, format: 'pem' }).asymmetricKeyType;
  } catch {
    // The library's message is about the parser, not the key; nothing of the key is echoed.
    throw new InvalidProviderAccountError(
      'privateKey',
      'is not a PEM private key (-----BEGIN PRIVATE KEY-----)',
    );
  }
  if (type !== 'rsa') {
    throw new InvalidProviderAccountError(
      'privateKey',
      `is a key of type ${type ?? 'unknown'}; a Firebase service account key is RSA`,
    );
  }
}

/**
 * The additional authenticated data an account is encrypted under: the club and the provider. A row
 * copied to another club (or provider) does not decrypt there.
 */
export const accountBinding = (tenantId: string, provider: ProviderName): string =>
  `sportclub/notifications/provider_account/v1\n${tenantId}\n${provider}`;
