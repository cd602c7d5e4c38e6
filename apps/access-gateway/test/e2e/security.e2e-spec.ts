import { randomUUID } from 'node:crypto';
import { SignJWT, base64url, exportSPKI, generateKeyPair, importJWK, type JWK } from 'jose';
import { keycloakIssuer, startService, userToken, type RunningService } from '@sportclub/testing';

/** Tokens the gateway must refuse, and limits it must enforce without falling over. */
describe('access-gateway security (booted service, real Keycloak and Redis)', () => {
  let gateway: RunningService;
  let ana: string;
  let bruno: string;

  beforeAll(async () => {
    gateway = await startService('access-gateway', {
      env: {
        RATE_LIMIT_PER_MEMBER: '5',
        RATE_LIMIT_PER_TENANT: '1000',
        RATE_LIMIT_WINDOW_SEC: '30',
        RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}`,
      },
    });
    [ana, bruno] = await Promise.all([userToken('ana@aurora.test'), userToken('bruno@aurora.test')]);
  });
  afterAll(() => gateway?.stop());

  const courts = (token?: string) =>
    fetch(`${gateway.url}/v1/courts`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  async function forgedTokens(): Promise<Record<string, string>> {
    const [header, payload] = ana.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
    const now = Math.floor(Date.now() / 1000);
    const { keys } = (await (await fetch(`${keycloakIssuer()}/protocol/openid-connect/certs`)).json()) as {
      keys: JWK[];
    };
    const realmKey = keys.find((k) => k.kid === kid)!;
    const publicPem = await exportSPKI(
      (await importJWK(realmKey, 'RS256')) as Parameters<typeof exportSPKI>[0],
    );
    const stranger = await generateKeyPair('RS256');
    const signWithStranger = (overrides: Record<string, unknown>, kidUsed = 'not-a-realm-key') =>
      new SignJWT({ ...claims, ...overrides })
        .setProtectedHeader({ alg: 'RS256', kid: kidUsed, typ: 'JWT' })
        .sign(stranger.privateKey);
    const { aud: _aud, ...withoutAud } = claims;
    return {
      'alg none': `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`,
      'HS256 signed with the realm public key': await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
        .sign(new TextEncoder().encode(publicPem)),
      'unknown kid': await signWithStranger({}),
      'a stranger key claiming the realm kid': await signWithStranger({}, kid),
      'wrong issuer': await signWithStranger({ iss: 'http://evil.test/realms/sportclub' }, kid),
      'wrong audience': await signWithStranger({ aud: 'someone-else' }, kid),
      'missing audience': await new SignJWT(withoutAud)
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .sign(stranger.privateKey),
      expired: await signWithStranger({ iat: now - 7200, exp: now - 3600 }, kid),
      'tampered tenant': `${header}.${base64url.encode(JSON.stringify({ ...claims, tenant_id: 'club-boreal' }))}.${ana.split('.')[2]}`,
      'not a JWT': 'definitely-not-a-token',
    };
  }

  it('answers 401 with a reason to every forged, foreign or malformed token, and 200 to a real one', async () => {
    const forged = await forgedTokens();
    for (const [name, token] of Object.entries(forged)) {
      const res = await courts(token);
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(await res.json()).toMatchObject({ error: 'unauthorized', reason: expect.any(String) });
    }
    expect((await courts()).status).toBe(401);
    expect((await courts(bruno)).status).toBe(200);
  });

  it('serves its OpenAPI document at /docs', async () => {
    const doc = (await (await fetch(`${gateway.url}/docs/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/v1/check-ins',
        '/v1/check-ins/{id}',
        '/v1/check-outs',
        '/v1/courts',
        '/v1/courts/{courtId}',
        '/v1/devices',
        '/v1/devices/{deviceId}',
        '/v1/rfid-cards',
        '/v1/rfid-cards/{cardId}',
        '/v1/sessions',
        '/v1/wallet',
        '/v1/wallet/payment-method',
        '/v1/wallet/top-ups',
        '/v1/wallet/top-ups/{paymentId}',
      ].sort(),
    );
    expect((await fetch(`${gateway.url}/docs`)).status).toBe(200);
  });

  it('answers 429 with Retry-After past a member’s limit, keeps other members served and stays healthy', async () => {
    const statuses = await Promise.all(Array.from({ length: 12 }, () => courts(ana).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
    const limited = await courts(ana);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited', limit: 5 });
    expect((await courts(bruno)).status).toBe(200);
    expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
  });
});
