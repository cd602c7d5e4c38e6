/** Twilio's Message resource (API 2010-04-01) and the ids and dates it is written with. */
import { randomBytes } from 'node:crypto';

export const API_VERSION = '2010-04-01';

export type TwilioMessageStatus =
  'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered' | 'received';

export interface TwilioMessage {
  account_sid: string;
  api_version: typeof API_VERSION;
  body: string;
  date_created: string;
  date_sent: string | null;
  date_updated: string;
  direction: 'outbound-api' | 'inbound';
  error_code: number | null;
  error_message: string | null;
  from: string;
  messaging_service_sid: null;
  num_media: '0';
  num_segments: string;
  price: null;
  price_unit: 'USD';
  sid: string;
  status: TwilioMessageStatus;
  subresource_uris: { media: string; feedback: string };
  to: string;
  uri: string;
}

/** A Twilio SID: two letters and 32 hex digits (`SM…` for messages). */
export const twilioSid = (prefix: string): string => prefix + randomBytes(16).toString('hex');

/** Twilio's dates are RFC 2822: `Thu, 30 Jul 2015 20:12:31 +0000`. */
export const rfc2822 = (at = Date.now()): string => new Date(at).toUTCString().replace('GMT', '+0000');

/** Segments of a GSM-7 body: 160 characters alone, 153 each once split. */
export const segments = (body: string): number => (body.length <= 160 ? 1 : Math.ceil(body.length / 153));

export function messageUri(accountSid: string, sid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}/Messages/${sid}.json`;
}

/** Messaging error codes the sandbox reports, with Twilio's messages. */
export const ERROR_MESSAGES: Record<number, string> = {
  30003: 'Unreachable destination handset',
  30005: 'Unknown destination handset',
  30006: 'Landline or unreachable carrier',
  63003: 'Channel could not find To address',
  63016:
    'Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.',
};
