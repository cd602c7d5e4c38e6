// `npm run demo`: a scripted walk through the platform's main job, against what `npm start` runs (the
// gateway, payments, iot-bridge, the partner sandbox, Keycloak, the device broker). Every step goes
// through the public APIs, the member's app as Stripe.js would, or an RFID reader over MQTT.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectAsync } from 'mqtt';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  ...Object.fromEntries(
    readFileSync(join(root, 'deploy/local.env'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z0-9_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  ),
  ...process.env,
};
const GATEWAY = env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const SANDBOX = env.SANDBOX_URL ?? 'http://127.0.0.1:3100';
const COURT = 'court-1';
const PRICE = 2_500;

const brl = (centavos) => `R$ ${(centavos / 100).toFixed(2).replace('.', ',')}`;
const say = (text) => console.log(`  ${text}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function token(username) {
  const res = await fetch(`${env.KEYCLOAK_URL}/realms/${env.KEYCLOAK_REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'sportclub-dev-cli',
      username,
      password: 'dev-password',
    }),
  });
  if (!res.ok) throw new Error(`Keycloak refused ${username}: ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}

/** A member or staff user of the app: calls the gateway with their token. */
async function user(username) {
  const jwt = await token(username);
  const sub = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).sub;
  const call = async (method, path, body, headers = {}) => {
    const res = await fetch(`${GATEWAY}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${jwt}`,
        ...(body && { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body && JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return json;
  };
  return { username, sub, call };
}

async function until(what, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: nothing after ${timeoutMs} ms`);
    await sleep(200);
  }
}

const balance = async (u) => (await u.call('GET', '/v1/wallet')).availableCentavos;

async function checkIn(u, body = {}) {
  const started = await u.call(
    'POST',
    '/v1/check-ins',
    { courtId: COURT, ...body },
    { 'idempotency-key': `demo-${randomUUID()}` },
  );
  return until('check-in to finish', async () => {
    const c = await u.call('GET', `/v1/check-ins/${started.checkInId}`);
    return c.status !== 'PENDING' && c;
  });
}

const sandbox = (method, path, body) =>
  fetch(`${SANDBOX}${path}`, {
    method,
    headers: {
      authorization: 'Bearer TEST-sandbox-mercadopago', // the Mercado Pago routes want a test token
      ...(body && { 'content-type': 'application/json' }),
    },
    body: body && JSON.stringify(body),
  });

async function step(title, run) {
  console.log(`\n▸ ${title}`);
  await run();
}

const ana = await user('ana@aurora.test');
const bruno = await user('bruno@aurora.test'); // staff at Aurora
const gabi = await user('gabi@aurora.test');
const davi = await user('davi@boreal.test');
await bruno.call('PUT', `/v1/courts/${COURT}`, { name: 'Quadra 1', priceCentavos: PRICE });
say(`Aurora's ${COURT} costs ${brl(PRICE)} per session.`);

await step('1. A member with credit checks in from the app', async () => {
  const top = await ana.call(
    'POST',
    '/v1/wallet/top-ups',
    { amountCentavos: 5_000, method: 'card' },
    { 'idempotency-key': `demo-${randomUUID()}` },
  );
  say(`ana tops up ${brl(5_000)} by card: payment ${top.payment.status}, client secret for the app`);
  // What Stripe.js does in the app with the client secret: confirm the PaymentIntent with the card.
  const intent = top.clientSecret.split('_secret_')[0];
  const confirmed = await fetch(`${SANDBOX}/v1/payment_intents/${intent}/confirm`, {
    method: 'POST',
    headers: { authorization: 'Bearer pk_test_sandbox', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_secret: top.clientSecret, payment_method: 'pm_card_visa' }),
  });
  say(
    `the app confirms it with Stripe: ${(await confirmed.json()).status}; Stripe's signed webhook credits the wallet`,
  );
  await until(
    'top-up credited',
    async () => (await ana.call('GET', `/v1/wallet/top-ups/${top.payment.paymentId}`)).status === 'succeeded',
  );
  say(`ana's credit: ${brl(await balance(ana))}`);
  const c = await checkIn(ana);
  say(`check-in ${c.checkInId}: ${c.status}, session ${c.sessionId}; credit now ${brl(await balance(ana))}`);
});

await step('2. A member without credit checks in by RFID and is topped up by the saved card', async () => {
  const card = await gabi.call('PUT', '/v1/wallet/payment-method', { token: 'pm_card_visa' });
  say(
    `gabi's saved card: ${card.brand} •••• ${card.last4} (${card.provider}); credit ${brl(await balance(gabi))}`,
  );
  const readerId = `demo-reader-${randomUUID().slice(0, 8)}`;
  const reader = await bruno.call('PUT', `/v1/devices/${readerId}`, { kind: 'rfid-reader', courtId: COURT });
  const cardUid = randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase();
  await bruno.call('PUT', `/v1/rfid-cards/${cardUid}`, { memberId: gabi.sub });
  say(`reader ${readerId} registered at ${COURT} (its own MQTT login), card ${cardUid} given to gabi`);
  const client = await connectAsync(env.MQTT_DEVICES_URL, {
    clientId: readerId,
    username: reader.credentials.username,
    password: reader.credentials.password,
  });
  try {
    await client.subscribeAsync(`rfid/${readerId}/response`, { qos: 1 });
    const answer = new Promise((resolve) =>
      client.on('message', (_t, payload) => resolve(JSON.parse(payload.toString()))),
    );
    const sent = Date.now();
    await client.publishAsync(
      `rfid/${readerId}/scan`,
      JSON.stringify({ scan_id: randomUUID(), card_id: cardUid, timestamp: new Date().toISOString() }),
      { qos: 1 },
    );
    const reply = await Promise.race([answer, sleep(20_000).then(() => ({ status: 'no answer' }))]);
    say(
      `the reader shows: ${reply.color ?? '-'} "${reply.message ?? reply.status}" (${reply.status}, ${Date.now() - sent} ms)`,
    );
  } finally {
    await client.endAsync();
  }
  say(`gabi's credit after the top-up and the session: ${brl(await balance(gabi))}`);
});

await step('3. A Pix top-up, paid a little later', async () => {
  const before = await balance(davi);
  const top = await davi.call(
    'POST',
    '/v1/wallet/top-ups',
    { amountCentavos: 3_000, method: 'pix' },
    { 'idempotency-key': `demo-${randomUUID()}` },
  );
  say(
    `davi asks for ${brl(3_000)} by Pix: ${top.payment.status}, QR "copia e cola" ${top.payment.pix.qrCode.slice(0, 40)}…`,
  );
  await sleep(1_500);
  const payment = await (
    await sandbox('GET', `/mercadopago/v1/payments/search?external_reference=${top.payment.paymentId}`)
  )
    .json()
    .catch(() => undefined);
  const id = payment?.results?.[0]?.id;
  if (!id) throw new Error(`the sandbox has no Mercado Pago payment for ${top.payment.paymentId}`);
  await sandbox('POST', `/mercadopago/__admin/payments/${id}/approve`);
  say('davi pays it in the bank app; Mercado Pago notifies payments (signed), payments fetches the payment');
  await until(
    'Pix credited',
    async () =>
      (await davi.call('GET', `/v1/wallet/top-ups/${top.payment.paymentId}`)).status === 'succeeded',
  );
  say(`davi's credit: ${brl(before)} → ${brl(await balance(davi))}`);
});

await step(
  '4. The access vendor is down: the check-in fails cleanly and the credit is released',
  async () => {
    const before = await balance(ana);
    await sandbox('PUT', '/__admin/faults/access-vendor', { down: true });
    try {
      const c = await checkIn(ana);
      say(`check-in ${c.checkInId}: ${c.status} — ${c.reason}`);
    } finally {
      await sandbox('DELETE', '/__admin/faults');
    }
    const after = await until('reservation released', async () => {
      const w = await ana.call('GET', '/v1/wallet');
      return w.reservedCentavos === 0 && w;
    });
    say(
      `ana's credit: ${brl(before)} before, ${brl(after.availableCentavos)} after (nothing held, nothing taken)`,
    );
  },
);

console.log('\n▸ Final balances');
for (const u of [ana, gabi, davi]) say(`${u.username.padEnd(20)} ${brl(await balance(u))}`);
