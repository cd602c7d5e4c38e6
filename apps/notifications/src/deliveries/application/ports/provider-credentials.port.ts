import type { ProviderName } from './channel-provider.port';

/**
 * Each club's own provider accounts (stored encrypted at rest); a club that has none uses the
 * platform's account from the environment (locally: the partner sandbox's).
 */
export interface ProviderCredentials {
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

export interface ProviderCredentialsPort {
  /** The club's credentials for the provider, or the platform's default. */
  get<P extends ProviderName>(tenantId: string, provider: P): Promise<ProviderCredentials[P]>;
}

export const PROVIDER_CREDENTIALS = Symbol('PROVIDER_CREDENTIALS');
