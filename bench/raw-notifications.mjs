// The raw baseline of the notifications suite, measured in the same run: the same provider acceptance
// without the platform. The official `twilio` SDK, in the bench's process, sends the same WhatsApp
// template message (Content SID and variables, status callback) to the same sandbox account, with the
// same concurrency or pace. No Kafka, inbox, outbox, database or delivery plan: what the platform adds
// for durability, exactly-once telling, consent checks and fallbacks is the gap between the two.
// The sandbox's status callbacks go to a sink that answers 204 (bench/raw-checkin.mjs's webhookSink).
import { createRequire } from 'node:module';
import { paced, percentile } from './stats.mjs';

const require = createRequire(import.meta.url);
const twilio = require('twilio');

const TWILIO_API = 'https://api.twilio.com';

/**
 * The SDK has no base-URL setting; its documented hook is a custom `httpClient`. This is the SDK's own
 * RequestClient with api.twilio.com swapped for the sandbox (as notifications' Twilio adapter does).
 */
class SandboxRequestClient extends twilio.RequestClient {
  constructor(origin, options) {
    super(options);
    this.origin = origin;
  }

  request(opts) {
    if (!opts.uri.startsWith(TWILIO_API)) return super.request(opts);
    return super.request({ ...opts, uri: this.origin + opts.uri.slice(TWILIO_API.length) });
  }
}

/** A Twilio client of `accountSid` talking to the sandbox at `sandboxUrl` (10 s timeout, no 429 retry). */
export const sandboxTwilio = (sandboxUrl, accountSid, authToken) =>
  twilio(accountSid, authToken, {
    httpClient: new SandboxRequestClient(sandboxUrl, { timeout: 10_000, autoRetry: false }),
  });

/**
 * When the sandbox accepted the WhatsApp message sent to each of `phones` (E.164): `accepted` maps a
 * number to epoch ms of its first outbound message's first status (`queued`, stamped as the sandbox
 * creates the message, 1 ms resolution; absent when none arrived); `extra` counts outbound messages
 * beyond one per number (a send repeated after a timeout). Read through the sandbox's admin API
 * (`GET /twilio/__admin/messages?number=…`), 8 look-ups at a time.
 */
export async function sandboxAcceptances(sandboxUrl, phones) {
  const accepted = new Map();
  let extra = 0;
  await paced(phones.length, 8, 0, async (i) => {
    const res = await fetch(`${sandboxUrl}/twilio/__admin/messages?number=${encodeURIComponent(phones[i])}`);
    if (!res.ok) throw new Error(`sandbox messages of ${phones[i]}: ${res.status} ${await res.text()}`);
    const sent = (await res.json()).filter((m) => m.direction === 'outbound-api');
    if (sent.length) accepted.set(phones[i], Date.parse(sent[0].statuses[0].at));
    extra += Math.max(0, sent.length - 1);
  });
  return { accepted, extra };
}

/**
 * `phones.length` WhatsApp template messages through the SDK, `concurrency` in flight (paced at
 * `rate`/s when given); latency from just before each call to the sandbox's acceptance. Resolves with
 * { count, perSecond (count over first call → last acceptance), p50, p99, failed (calls that failed or
 * left no message, and messages beyond one per call) }.
 */
export async function measureRawNotifications({
  sandboxUrl,
  accountSid,
  authToken,
  from,
  contentSid,
  contentVariables,
  statusCallback,
  phones,
  concurrency,
  rate,
}) {
  const client = sandboxTwilio(sandboxUrl, accountSid, authToken);
  const started = new Map();
  let failed = 0;
  const first = Date.now();
  await paced(phones.length, concurrency, rate, async (i) => {
    started.set(phones[i], Date.now());
    try {
      await client.messages.create({
        to: `whatsapp:${phones[i]}`,
        from: `whatsapp:${from}`,
        statusCallback,
        contentSid,
        contentVariables,
      });
    } catch {
      failed++;
    }
  });
  const { accepted, extra } = await sandboxAcceptances(sandboxUrl, phones);
  const latencies = [...accepted].map(([phone, at]) => at - started.get(phone)).sort((a, b) => a - b);
  return {
    count: phones.length,
    perSecond: (accepted.size * 1000) / (Math.max(...accepted.values()) - first),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failed: failed + phones.length - accepted.size + extra,
  };
}
