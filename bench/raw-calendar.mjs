// The raw baseline of the calendar suite, measured in the same run: the same Google events without the
// platform. The bench's process gets a member's grant through the sandbox's OAuth consent (as a browser
// would: the consent URL, Google's form, the code in the redirect) and inserts the events itself with
// `googleapis` (events.insert with the event's own id), at the same offered rate, as many calls in
// flight as the rate needs. No gateway, Kafka, inbox, database, sealed tokens, write queue or read back:
// what the platform adds to get a booking into a calendar durably is the gap between the two.
// Also the helpers both sides share: the consent dance and the sandbox's admin listing.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { paced, percentile } from './stats.mjs';

const require = createRequire(import.meta.url);
const { google } = require('googleapis');

/** The sandbox's OAuth client for local runs (deploy/services.json's, any loopback redirect allowed). */
export const DEV_CLIENT = {
  clientId: '000000000000-sportclubsandbox.apps.googleusercontent.com',
  clientSecret: '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',
};
/** Where the sandbox sends the browser back; never opened: the code is read from the redirect. */
const REDIRECT_URI = 'http://127.0.0.1:9/bench/oauth/callback';

/**
 * What a browser does on the sandbox's consent screen: opens `authorizationUrl`, submits the form for
 * the Google account `email` with Allow, and answers the redirect (a URL) it is sent to.
 */
export async function approveConsent(sandboxUrl, authorizationUrl, email) {
  const page = await fetch(authorizationUrl);
  if (page.status !== 200) throw new Error(`consent page: ${page.status} ${await page.text()}`);
  const consentId = /name="consent_id" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!consentId) throw new Error('no consent_id on the consent page');
  const decided = await fetch(`${sandboxUrl}/o/oauth2/v2/auth/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ consent_id: consentId, email, decision: 'approve' }),
    redirect: 'manual',
  });
  const location = decided.headers.get('location');
  if (decided.status !== 302 || !location) throw new Error(`consent answered ${decided.status}`);
  return location;
}

/**
 * A Calendar API client on the sandbox for the Google account `email`, its OAuth2 tokens from the
 * sandbox's consent flow (authorization code → token endpoint, as any web app does).
 */
export async function sandboxCalendar(sandboxUrl, email) {
  const auth = new google.auth.OAuth2({
    ...DEV_CLIENT,
    redirectUri: REDIRECT_URI,
    endpoints: {
      oauth2AuthBaseUrl: `${sandboxUrl}/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${sandboxUrl}/oauth2/token`,
      oauth2RevokeUrl: `${sandboxUrl}/oauth2/revoke`,
    },
  });
  const authorizationUrl = auth.generateAuthUrl({
    access_type: 'offline',
    prompt: 'consent',
    scope: ['https://www.googleapis.com/auth/calendar.events'],
    login_hint: email,
  });
  const back = new URL(await approveConsent(sandboxUrl, authorizationUrl, email));
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`consent redirect without a code: ${back}`);
  const { tokens } = await auth.getToken(code);
  auth.setCredentials(tokens);
  return google.calendar({ version: 'v3', auth, rootUrl: `${sandboxUrl}/` });
}

/**
 * Every event of `calendarId` as the sandbox stores it (admin API, cancelled ones too). Each carries
 * `created`: the sandbox's clock (1 ms resolution, the machine's, as the bench's) in the same
 * synchronous step that stores the event, so it is the moment the event became visible to any reader.
 */
export async function sandboxEvents(sandboxUrl, calendarId) {
  const res = await fetch(
    `${sandboxUrl}/__admin/google/calendars/${encodeURIComponent(calendarId)}/events?showDeleted=true`,
  );
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`sandbox events of ${calendarId}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * `events.length` inserts (Google Event resources with their own ids) into the primary calendar of a
 * fresh Google account `email`, started at `rate`/s whatever is in flight; latency from just before
 * each call to the event's `created` stamp. Resolves with { count, perSecond (visible over first call →
 * last visible), p50, p95, p99, max, failed (calls that failed or left no event) }.
 */
export async function measureRawCalendar({ sandboxUrl, email, events, rate, warmup = 20 }) {
  const calendar = await sandboxCalendar(sandboxUrl, email);
  // A few inserts first (other ids, not measured), as the platform's run comes after a warm-up.
  for (let i = 0; i < warmup; i++) {
    await calendar.events.insert(
      {
        calendarId: 'primary',
        requestBody: { ...events[0], id: randomUUID().replace(/-/g, '') },
        sendUpdates: 'none',
      },
      { retry: false },
    );
  }
  const started = new Map();
  const errors = new Map();
  const first = Date.now();
  await paced(events.length, events.length, rate, async (i) => {
    started.set(events[i].id, Date.now());
    try {
      await calendar.events.insert(
        { calendarId: 'primary', requestBody: events[i], sendUpdates: 'none' },
        { retry: false },
      );
    } catch (error) {
      const key = String(error.status ?? error.code ?? error.message).slice(0, 80);
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  });
  const visible = new Map(
    (await sandboxEvents(sandboxUrl, email))
      .filter((e) => started.has(e.id))
      .map((e) => [e.id, Date.parse(e.created)]),
  );
  const latencies = [...visible].map(([id, at]) => at - started.get(id)).sort((a, b) => a - b);
  return {
    count: events.length,
    visible: visible.size,
    perSecond: (visible.size * 1000) / (Math.max(...visible.values()) - first),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1),
    failed: events.length - visible.size,
    errors: [...errors],
  };
}
