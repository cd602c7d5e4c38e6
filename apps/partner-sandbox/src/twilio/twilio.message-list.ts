/**
 * Twilio's Message list (`GET /2010-04-01/Accounts/{AccountSid}/Messages.json`): its filters, its
 * newest-first order and its page shape, as the `twilio` SDK's `messages.list`/`each`/`page` read them.
 */
import { twilioBadRequest } from './twilio.errors';
import { API_VERSION, type TwilioMessage } from './twilio.objects';

/** The query parameters Twilio reads, as the SDK writes them (`dateSentAfter` → `DateSent>`…). */
export const LIST_PARAMS = [
  'To',
  'From',
  'DateSent',
  'DateSent<',
  'DateSent>',
  'PageSize',
  'Page',
  'PageToken',
] as const;
export type ListMessagesParams = Partial<Record<(typeof LIST_PARAMS)[number], string>>;

/** Twilio's page of messages; `*_uri` are relative to https://api.twilio.com, null when there is none. */
export interface TwilioMessagePage {
  messages: TwilioMessage[];
  page: number;
  page_size: number;
  first_page_uri: string;
  next_page_uri: string | null;
  previous_page_uri: string | null;
  start: number;
  end: number;
  uri: string;
}

const DEFAULT_PAGE_SIZE = 50;
/** Twilio's largest page; a larger `PageSize` (the SDK sends `limit` when no page size is given) is capped. */
const MAX_PAGE_SIZE = 1_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const FILTERS = ['To', 'From', 'DateSent', 'DateSent<', 'DateSent>'] as const;

/** A filter value as the instants it names: a whole UTC day, or one second (Twilio's precision). */
function span(name: string, value: string): { from: number; until: number } {
  const day = DAY.test(value);
  const at = Date.parse(day ? `${value}T00:00:00Z` : value);
  if ((!day && !DATE_TIME.test(value)) || Number.isNaN(at)) {
    throw twilioBadRequest(
      20001,
      `${name} must be a date (YYYY-MM-DD) or an ISO 8601 date-time (YYYY-MM-DDTHH:mm:ssZ), not '${value}'.`,
    );
  }
  const from = day ? at : Math.floor(at / 1_000) * 1_000;
  return { from, until: from + (day ? 86_400_000 : 1_000) };
}

function pageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1) {
    throw twilioBadRequest(20001, `PageSize must be a positive integer, not '${raw}'.`);
  }
  return Math.min(n, MAX_PAGE_SIZE);
}

/**
 * When a message was sent, for the `DateSent` filters: its `date_sent`. Twilio leaves that null until
 * the carrier takes the message (queued, or failed before leaving, as a WhatsApp message outside the
 * window), and the sandbox takes the strict reading: such a message matches no `DateSent` filter, so a
 * client that must find a message it just created cannot rely on one.
 */
const sentAt = (m: TwilioMessage): number => (m.date_sent === null ? Number.NaN : Date.parse(m.date_sent));

/**
 * One page of the account's messages matching the filters, newest first. `To`/`From` match the address
 * exactly (`whatsapp:+55…` for WhatsApp); `DateSent` is that day or second, `DateSent<` on or before,
 * `DateSent>` on or after. Pages are cursors: `next_page_uri` carries `PageToken=PA<last sid>`,
 * `previous_page_uri` `PageToken=PB<first sid>`; without a token `Page` counts pages from the newest.
 * Errors: 400 (20001) for a malformed date, `PageSize`, `Page` or `PageToken`.
 */
export function messagePage(
  accountSid: string,
  newestFirst: TwilioMessage[],
  params: ListMessagesParams,
): TwilioMessagePage {
  const size = pageSize(params.PageSize);
  const page = params.Page === undefined ? 0 : Number(params.Page);
  if (!Number.isInteger(page) || page < 0) {
    throw twilioBadRequest(20001, `Page must be a non-negative integer, not '${params.Page}'.`);
  }
  const exactly = params.DateSent === undefined ? undefined : span('DateSent', params.DateSent);
  const before = params['DateSent<'] === undefined ? undefined : span('DateSent<', params['DateSent<']);
  const after = params['DateSent>'] === undefined ? undefined : span('DateSent>', params['DateSent>']);
  const matching = newestFirst.filter((m) => {
    if (m.account_sid !== accountSid) return false;
    if (params.To !== undefined && m.to !== params.To) return false;
    if (params.From !== undefined && m.from !== params.From) return false;
    const t = sentAt(m);
    if ((exactly || before || after) && Number.isNaN(t)) return false;
    if (exactly && (t < exactly.from || t >= exactly.until)) return false;
    if (before && t >= before.until) return false;
    if (after && t < after.from) return false;
    return true;
  });

  let start = page * size;
  if (params.PageToken !== undefined) {
    const token = /^P([AB])(SM[0-9a-f]{32})$/.exec(params.PageToken);
    const at = token ? matching.findIndex((m) => m.sid === token[2]) : -1;
    if (!token || at < 0) {
      throw twilioBadRequest(20001, `PageToken '${params.PageToken}' is not a page of this list.`);
    }
    start = token[1] === 'A' ? at + 1 : Math.max(at - size, 0);
  }
  const messages = matching.slice(start, start + size);

  const base = `/${API_VERSION}/Accounts/${accountSid}/Messages.json`;
  const uri = (extra: Record<string, string>) => {
    const query = new URLSearchParams();
    for (const name of FILTERS) if (params[name] !== undefined) query.set(name, params[name]);
    query.set('PageSize', String(size));
    for (const [name, value] of Object.entries(extra)) query.set(name, value);
    return `${base}?${query}`;
  };
  const last = messages.at(-1);
  return {
    messages,
    page,
    page_size: size,
    first_page_uri: uri({ Page: '0' }),
    next_page_uri:
      last && start + messages.length < matching.length
        ? uri({ Page: String(page + 1), PageToken: `PA${last.sid}` })
        : null,
    previous_page_uri:
      start > 0 && messages[0]
        ? uri({ Page: String(Math.max(page - 1, 0)), PageToken: `PB${messages[0].sid}` })
        : null,
    start,
    end: start + Math.max(messages.length - 1, 0),
    uri: uri({
      Page: String(page),
      ...(params.PageToken !== undefined && { PageToken: params.PageToken }),
    }),
  };
}
