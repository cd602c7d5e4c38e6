/**
 * WhatsApp and SMS through Twilio Programmable Messaging, with the official `twilio` SDK. Each club may
 * have its own Twilio account (ProviderCredentialsPort), so there is one SDK client per distinct
 * credentials. Status callbacks come back to `/webhooks/twilio/status/{tenantId}?attempt={attemptId}`,
 * signed with that tenant's auth token.
 *
 * WhatsApp templates go through Twilio's Content API: the template's `name` is looked up in the club's
 * Content SIDs (`HX…`, what the club registered with Twilio; a name that is itself a Content SID is
 * taken as is), its positional parameters become `ContentVariables` `{"1": …, "2": …}`, and its
 * `language` is not sent (a Content SID names one language already). A template the club has no
 * Content SID for goes as free-form text.
 *
 * A WhatsApp free-form message outside the member's 24-hour window is accepted by Twilio and fails
 * later, on its status callback, with 63016 (undeliverable numbers likewise, 63003): those failures
 * reach the delivery through the callback, classified by `classifyTwilioError`.
 *
 * Twilio takes no idempotency key on Messages, so a send that may have reached it (a timeout, a dropped
 * connection, a 500/502/504) is not retried but thrown as `OutcomeUnknownError`, and `findAccepted`
 * reconciles after that and after a crash: it lists the newest messages from the club's sender to the
 * member (`messages.list` by `To` and `From`), keeping those created since the attempt began and, for a
 * free-form message, with the same body.
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { isTransientError, mayHaveReachedVendor, type ResilientCaller } from '@sportclub/resilience';
import {
  MessageRefusedError,
  OutcomeUnknownError,
  RecipientUnreachableError,
  type Channel,
  type ChannelProvider,
  type OutgoingMessage,
  type ProviderAcceptance,
} from '../../application/ports/channel-provider.port';
import type {
  ProviderCredentials,
  ProviderCredentialsPort,
} from '../../application/ports/provider-credentials.port';

export interface TwilioMessagingSettings {
  /** Unset talks to https://api.twilio.com; locally the partner sandbox (`http://127.0.0.1:3100`). */
  apiUrl?: string;
  /** This service as Twilio reaches it (`https://notifications.example`): status callbacks go there. */
  publicWebhookBaseUrl: string;
  /** Timeouts, retries and a breaker per provider and tenant (MESSAGING_RESILIENCE_POLICY). */
  caller: ResilientCaller;
  credentials: ProviderCredentialsPort;
}

const TWILIO_API = 'https://api.twilio.com';
/**
 * Messages looked at per reconciliation: a member gets few messages from one club in the minutes since
 * an attempt began, so one page is plenty.
 */
const FIND_LIMIT = 50;
/** Distinct credentials kept at once; clubs rotating tokens must not grow the cache forever. */
const MAX_CLIENTS = 500;

/** Twilio error codes this platform acts on; others are outages (or configuration errors). */
const UNREACHABLE: Record<number, string> = {
  21211: "invalid 'To' number",
  21612: "'To' number not reachable on this channel",
  21614: "'To' number is not a mobile number",
  63003: 'no WhatsApp account at this number',
  30005: 'unknown destination handset',
  30006: 'landline or unreachable carrier',
};
const REFUSED: Record<number, string> = {
  21610: 'the recipient unsubscribed (STOP)',
  21617: 'body over 1600 characters',
  21654: 'content variables without a content SID',
  21655: 'unknown content template',
  21656: 'invalid content variables',
  30007: 'filtered by the carrier',
  63016: "outside WhatsApp's 24-hour window (free-form message)",
};

/**
 * What a Twilio error code means to a delivery — on the API answer or on a status callback's
 * `ErrorCode` — or undefined when it is neither (an outage, a configuration error).
 */
export function classifyTwilioError(
  code: number | string | undefined,
  message = '',
  cause?: unknown,
): RecipientUnreachableError | MessageRefusedError | undefined {
  const n = Number(code);
  const detail = (what: string) => `twilio ${n}: ${what}${message ? ` (${message})` : ''}`.slice(0, 500);
  if (UNREACHABLE[n]) return new RecipientUnreachableError(detail(UNREACHABLE[n]), cause);
  if (REFUSED[n]) return new MessageRefusedError(detail(REFUSED[n]), cause);
  return undefined;
}

/**
 * The SDK has no base-URL setting (`edge` and `region` only rewrite the hostname inside twilio.com);
 * its documented extension point is a custom `httpClient`. This one is the SDK's own RequestClient
 * with the origin of calls addressed to api.twilio.com swapped for another (the partner sandbox).
 */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly origin: string,
    options: RequestClient.RequestClientOptions,
  ) {
    super(options);
  }

  override request<T>(opts: RequestClient.RequestOptions<T>) {
    if (!opts.uri.startsWith(TWILIO_API)) return super.request(opts);
    return super.request({ ...opts, uri: this.origin + opts.uri.slice(TWILIO_API.length) });
  }
}

export class TwilioMessagingAdapter implements ChannelProvider {
  readonly provider = 'twilio' as const;
  readonly channels: readonly Channel[] = ['whatsapp', 'sms'];
  private readonly clients = new Map<string, twilio.Twilio>();
  private readonly webhookBase: string;

  constructor(private readonly settings: TwilioMessagingSettings) {
    this.webhookBase = settings.publicWebhookBaseUrl.replace(/\/+$/, '');
  }

  async send(message: OutgoingMessage): Promise<ProviderAcceptance> {
    const { client, to, from, contentSid, template } = await this.prepare(message);
    const params = {
      to,
      from,
      statusCallback:
        `${this.webhookBase}/webhooks/twilio/status/${encodeURIComponent(message.tenantId)}` +
        `?attempt=${encodeURIComponent(message.attemptId)}`,
      ...(template && contentSid
        ? {
            contentSid,
            contentVariables: JSON.stringify(
              Object.fromEntries(template.parameters.map((value, i) => [String(i + 1), value])),
            ),
          }
        : { body: message.body }),
    };
    // Messages take no idempotency key: a failure that may have reached Twilio is not re-sent here but
    // reported as unknown, for the delivery to ask `findAccepted` before it sends again.
    const created = await this.settings.caller
      .call(
        { vendor: 'twilio', tenant: message.tenantId, operation: `send-${message.channel}` },
        () => client.messages.create(params),
        { isRetriable: (e) => isTransientError(e) && !mayHaveReachedVendor(e) },
      )
      .catch(classify);
    return { providerMessageId: created.sid };
  }

  /**
   * The SIDs of messages the club's account sent to this member on this channel, created at or after
   * `since`, newest first: the same `To`/`From` (with the `whatsapp:` prefix on WhatsApp) and, when
   * `send` would go free-form, the same body (a content template's text is Twilio's, not ours). The
   * newest FIND_LIMIT messages of that conversation are read and their creation time checked here:
   * Twilio's only date filter is `DateSent`, and a message still queued has no `date_sent`. Errors are
   * Twilio's (an outage or configuration error), after the caller's retries.
   */
  async findAccepted(message: OutgoingMessage, since: Date): Promise<string[]> {
    const { client, to, from, contentSid } = await this.prepare(message);
    const freeForm = !contentSid;
    const sinceSecond = Math.floor(since.getTime() / 1_000) * 1_000;
    const listed = await this.settings.caller.call(
      { vendor: 'twilio', tenant: message.tenantId, operation: 'find-sent' },
      () => client.messages.list({ to, from, limit: FIND_LIMIT }),
    );
    return listed
      .filter(
        (m) =>
          m.direction.startsWith('outbound') &&
          m.to === to &&
          m.from === from &&
          m.dateCreated.getTime() >= sinceSecond &&
          (!freeForm || m.body === message.body),
      )
      .map((m) => m.sid);
  }

  /** The client, addresses and Content SID (when a template goes as one) of a message to this club's member. */
  private async prepare(message: OutgoingMessage) {
    if (!this.channels.includes(message.channel)) {
      throw new Error(`twilio does not send ${message.channel} messages`);
    }
    const credentials = await this.settings.credentials.get(message.tenantId, 'twilio');
    const whatsapp = message.channel === 'whatsapp';
    const template = whatsapp ? message.whatsappTemplate : undefined;
    return {
      client: this.client(credentials),
      to: whatsapp ? `whatsapp:${message.to}` : message.to,
      from: whatsapp ? `whatsapp:${credentials.whatsappFrom}` : credentials.smsFrom,
      template,
      contentSid: template && contentSidOf(template.name, credentials.contentSids),
    };
  }

  private client(credentials: ProviderCredentials['twilio']): twilio.Twilio {
    const key = `${credentials.accountSid}\n${credentials.authToken}`;
    const cached = this.clients.get(key);
    if (cached) return cached;
    // The SDK's own timeout matches the caller's: it cannot take the caller's AbortSignal, so a timed-out
    // attempt's request is cut by the SDK rather than left running. Its 429 auto-retry stays off.
    const options = { timeout: this.settings.caller.policy.timeoutMs, autoRetry: false };
    const httpClient = this.settings.apiUrl
      ? new RedirectingRequestClient(this.settings.apiUrl.replace(/\/+$/, ''), options)
      : new twilio.RequestClient(options);
    const client = twilio(credentials.accountSid, credentials.authToken, { httpClient });
    if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value as string);
    this.clients.set(key, client);
    return client;
  }
}

const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;

/** The Content SID a template name stands for, if the club registered it with Twilio. */
function contentSidOf(name: string, sids: Record<string, string> = {}): string | undefined {
  return sids[name] ?? (CONTENT_SID.test(name) ? name : undefined);
}

/**
 * Twilio's answer in the port's terms: a code it names, or an unknown outcome when the request may have
 * reached it; anything else passes unchanged (an outage).
 */
function classify(error: unknown): never {
  const named =
    error instanceof twilio.RestException && classifyTwilioError(error.code, error.message, error);
  if (named) throw named;
  if (mayHaveReachedVendor(error)) {
    throw new OutcomeUnknownError(`twilio may have taken it: ${(error as Error).message}`, error);
  }
  throw error;
}
