/**
 * WhatsApp through Meta's WhatsApp Cloud API over plain fetch: Meta publishes no maintained Node SDK
 * for it (its old `whatsapp` npm package is archived), and the one call is a JSON POST to
 * `{graph}/{version}/{phone-number-id}/messages` with the club's Bearer token.
 *
 * Free-form text outside the member's 24-hour window is accepted by Meta and fails later on the
 * `statuses` webhook with 131047 (a number not on WhatsApp likewise, 131026): those reach the delivery
 * through the webhook, classified by `classifyWhatsAppCloudError`. Meta sends webhooks to the app's one
 * configured URL, so this adapter names no callback.
 */
import type { ResilientCaller } from '@sportclub/resilience';
import {
  MessageRefusedError,
  RecipientUnreachableError,
  type Channel,
  type ChannelProvider,
  type OutgoingMessage,
  type ProviderAcceptance,
} from '../../application/ports/channel-provider.port';
import type { ProviderCredentialsPort } from '../../application/ports/provider-credentials.port';

export interface WhatsAppCloudSettings {
  /** `https://graph.facebook.com`; locally the partner sandbox (`http://127.0.0.1:3100/graph`). */
  graphApiUrl: string;
  /** The Graph API version in the path; default `v21.0`. */
  apiVersion?: string;
  /** Timeouts, retries and a breaker per provider and tenant (MESSAGING_RESILIENCE_POLICY). */
  caller: ResilientCaller;
  credentials: ProviderCredentialsPort;
  /** Unset: the global fetch. */
  fetch?: typeof fetch;
}

/** A Graph API error answer; `status` is what the resilience layer reads to retry (429, 5xx) or not. */
export class GraphApiError extends Error {
  override name = 'GraphApiError';
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly subcode: number | undefined,
    /** `error_data.details`: Meta's advice is to act on it and the code, not on the message. */
    readonly details: string | undefined,
    message: string,
  ) {
    super(`whatsapp-cloud ${status}${code === undefined ? '' : ` (#${code})`}: ${message}`.slice(0, 500));
  }
}

const UNREACHABLE: Record<number, string> = {
  131021: 'the recipient is the sender',
  131026: 'no WhatsApp account at this number, or it cannot receive the message',
  131030: 'the number is not among the test recipients allowed for this business number',
};
const REFUSED: Record<number, string> = {
  131047: "outside WhatsApp's 24-hour window (free-form message)",
  131049: 'not delivered, to keep the ecosystem healthy (marketing limit)',
  131050: 'the member stopped marketing messages',
  131051: 'message type not supported',
  132000: 'wrong number of template parameters',
  132001: 'template does not exist in this language, or is not approved',
  132005: 'template text too long once filled in',
  132007: 'template violates the format policy',
  132012: 'template parameter format mismatch',
  132015: 'template paused',
  132016: 'template disabled',
};

/**
 * What a Cloud API error code means to a delivery — on the API answer or in a `statuses[].errors`
 * entry of the webhook — or undefined when it is neither (an outage, a configuration error such as
 * 190, a bad token). A code 100 ("Invalid parameter") is this message's fault: unreachable when its
 * details name the recipient (`to`), refused otherwise (e.g. a body over 4096 characters).
 */
export function classifyWhatsAppCloudError(
  error: { code?: number | string; details?: string; subcode?: number },
  cause?: unknown,
): RecipientUnreachableError | MessageRefusedError | undefined {
  const n = Number(error.code);
  const details = error.details ?? '';
  const detail = (what: string) =>
    `whatsapp-cloud ${n}: ${what}${details ? ` (${details})` : ''}`.slice(0, 500);
  if (UNREACHABLE[n]) return new RecipientUnreachableError(detail(UNREACHABLE[n]), cause);
  if (REFUSED[n]) return new MessageRefusedError(detail(REFUSED[n]), cause);
  // Subcode 33: the phone number id does not exist or the token may not use it — configuration.
  if (n === 100 && error.subcode !== 33) {
    return /\bto\b|recipient/i.test(details)
      ? new RecipientUnreachableError(detail('invalid recipient'), cause)
      : new MessageRefusedError(detail('invalid parameter'), cause);
  }
  return undefined;
}

interface SendAnswer {
  messages?: { id?: string }[];
}

export class WhatsAppCloudAdapter implements ChannelProvider {
  readonly provider = 'whatsapp-cloud' as const;
  readonly channels: readonly Channel[] = ['whatsapp'];
  private readonly base: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly settings: WhatsAppCloudSettings) {
    this.base = `${settings.graphApiUrl.replace(/\/+$/, '')}/${settings.apiVersion ?? 'v21.0'}`;
    this.fetch = settings.fetch ?? fetch;
  }

  async send(message: OutgoingMessage): Promise<ProviderAcceptance> {
    if (message.channel !== 'whatsapp') {
      throw new Error(`whatsapp-cloud does not send ${message.channel} messages`);
    }
    const credentials = await this.settings.credentials.get(message.tenantId, 'whatsapp-cloud');
    const url = `${this.base}/${encodeURIComponent(credentials.phoneNumberId)}/messages`;
    const body = JSON.stringify(payload(message));
    const answer = await this.settings.caller
      .call(
        { vendor: 'whatsapp-cloud', tenant: message.tenantId, operation: 'send-whatsapp' },
        async (signal) => {
          const res = await this.fetch(url, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${credentials.accessToken}`,
              'content-type': 'application/json',
            },
            body,
            signal,
          });
          const text = await res.text();
          if (!res.ok) throw graphError(res.status, text);
          return JSON.parse(text) as SendAnswer;
        },
      )
      .catch(classify);
    const id = answer.messages?.[0]?.id;
    if (!id) throw new Error('whatsapp-cloud accepted the message without a message id');
    return { providerMessageId: id };
  }
}

/** A template (outside the window) with its body parameters, or the free-form text. */
function payload(message: OutgoingMessage): Record<string, unknown> {
  const common = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to };
  const template = message.whatsappTemplate;
  if (!template) return { ...common, type: 'text', text: { body: message.body, preview_url: false } };
  return {
    ...common,
    type: 'template',
    template: {
      name: template.name,
      language: { code: template.language },
      components: template.parameters.length
        ? [{ type: 'body', parameters: template.parameters.map((text) => ({ type: 'text', text })) }]
        : [],
    },
  };
}

function graphError(status: number, text: string): GraphApiError {
  let error: { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } } =
    {};
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
  } catch {
    // Not Graph's JSON (a proxy's page): the status alone decides.
  }
  return new GraphApiError(
    status,
    error.code,
    error.error_subcode,
    error.error_data?.details,
    error.message ?? (text.slice(0, 200) || 'no body'),
  );
}

function classify(error: unknown): never {
  if (error instanceof GraphApiError) {
    throw classifyWhatsAppCloudError(error, error) ?? error;
  }
  throw error;
}
