import { createHash, randomUUID } from 'node:crypto';
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getMessaging } from 'firebase-admin/messaging';
import { httpStatusOf, type ResilientCaller } from '@sportclub/resilience';
import {
  MessageRefusedError,
  RecipientUnreachableError,
  type ChannelProvider,
  type OutgoingMessage,
  type ProviderAcceptance,
} from '../../application/ports/channel-provider.port';
import type {
  ProviderCredentials,
  ProviderCredentialsPort,
} from '../../application/ports/provider-credentials.port';
import { FcmEndpointAgent } from './fcm-endpoint.agent';
import { ServiceAccountCredential } from './fcm.credential';
import { ProviderOutageError, callProvider } from './provider-call';

export interface FcmSettings {
  /**
   * Origin of FCM's HTTP v1 API (`scheme://host:port`, no path: the SDK keeps Google's paths). Unset
   * talks to `https://fcm.googleapis.com`; locally the partner sandbox, `http://127.0.0.1:3100`.
   */
  apiUrl?: string;
  /**
   * Google's OAuth 2.0 token endpoint. Unset is `https://oauth2.googleapis.com/token`; locally the
   * partner sandbox's, `http://127.0.0.1:3100/oauth2/token`.
   */
  tokenUrl?: string;
  /** Timeouts, retries and the breaker per provider and tenant (vendor `fcm`). */
  caller: ResilientCaller;
  credentials: ProviderCredentialsPort;
}

/** Answers about the token: the app is gone or the token was never one (the caller removes it). */
const DEAD_TOKEN = new Set([
  'messaging/registration-token-not-registered',
  'messaging/invalid-registration-token',
]);
/** Answers about the message itself. */
const REFUSED_MESSAGE = new Set([
  'messaging/invalid-payload',
  'messaging/invalid-data-payload-key',
  'messaging/payload-size-limit-exceeded',
  'messaging/invalid-options',
]);

/**
 * Push through Firebase Cloud Messaging with the official Admin SDK: one named app per distinct
 * service account (a club's own or the platform's), `messaging.send` of a notification (title, body)
 * with the delivery and attempt ids as data. The SDK's answers are classified for the delivery: a token
 * FCM says is unregistered or invalid is unreachable, a payload it refuses is refused, the rest
 * (auth, quota, 5xx, network) is an outage.
 *
 * The SDK retries a 503 by itself (up to 4 times over ~7 s, honouring Retry-After) before the
 * resilience layer sees it; the per-attempt timeout leaves room for that.
 */
export class FcmAdapter implements ChannelProvider {
  readonly provider = 'fcm' as const;
  readonly channels = ['push'] as const;
  private readonly apps = new Map<string, App>();
  private readonly agent?: FcmEndpointAgent;
  // Named apps live in the SDK's process-wide registry: the prefix keeps two adapters apart.
  private readonly instance = randomUUID().slice(0, 8);

  constructor(private readonly settings: FcmSettings) {
    if (settings.apiUrl) this.agent = new FcmEndpointAgent(settings.apiUrl);
  }

  async send(message: OutgoingMessage): Promise<ProviderAcceptance> {
    const account = await this.settings.credentials.get(message.tenantId, 'fcm');
    const messaging = getMessaging(this.app(account));
    const name = await callProvider(
      this.settings.caller,
      { vendor: 'fcm', tenant: message.tenantId, operation: 'send' },
      () =>
        messaging.send({
          token: message.to,
          notification: { title: message.title, body: message.body },
          data: { deliveryId: message.deliveryId, attemptId: message.attemptId },
          android: { priority: 'high' },
          apns: { headers: { 'apns-priority': '10' } },
        }),
      classify,
    );
    return { providerMessageId: name };
  }

  /** Deletes the SDK apps and closes their connections. */
  async close(): Promise<void> {
    const apps = [...this.apps.values()];
    this.apps.clear();
    await Promise.all(apps.map((app) => deleteApp(app)));
    this.agent?.destroy();
  }

  private app(account: ProviderCredentials['fcm']): App {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([account.projectId, account.clientEmail, account.privateKey]))
      .digest('hex')
      .slice(0, 16);
    const existing = this.apps.get(fingerprint);
    if (existing) return existing;
    const app = initializeApp(
      {
        credential: new ServiceAccountCredential(account, this.settings.tokenUrl),
        projectId: account.projectId,
        ...(this.agent && { httpAgent: this.agent }),
      },
      `fcm-${this.instance}-${fingerprint}`,
    );
    this.apps.set(fingerprint, app);
    return app;
  }
}

/** The Admin SDK's error in the port's terms. */
function classify(error: unknown): RecipientUnreachableError | MessageRefusedError | ProviderOutageError {
  const { code, message, httpResponse } = error as {
    code?: string;
    message?: string;
    httpResponse?: { status: number; data: unknown };
  };
  const reason = `fcm ${code ?? 'error'}: ${message ?? String(error)}`.slice(0, 500);
  if (code && DEAD_TOKEN.has(code)) return new RecipientUnreachableError(reason, error);
  if (code === 'messaging/invalid-argument') {
    return onToken(httpResponse?.data, message)
      ? new RecipientUnreachableError(reason, error)
      : new MessageRefusedError(reason, error);
  }
  if (code && REFUSED_MESSAGE.has(code)) return new MessageRefusedError(reason, error);
  // A token endpoint failure arrives as app/invalid-credential around the auth library's error.
  const status = httpResponse?.status ?? httpStatusOf((error as { cause?: unknown }).cause);
  return new ProviderOutageError(reason, status, error);
}

/** Whether an INVALID_ARGUMENT is about `message.token` (FCM names the field in a BadRequest detail). */
function onToken(body: unknown, message = ''): boolean {
  const details =
    (body as { error?: { details?: { fieldViolations?: { field?: string }[] }[] } } | undefined)?.error
      ?.details ?? [];
  const fields = details.flatMap((d) => d.fieldViolations ?? []).map((v) => v.field);
  return fields.length ? fields.includes('message.token') : /registration token/i.test(message);
}
