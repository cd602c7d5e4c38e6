import {
  SignJWT,
  UnsecuredJWT,
  generateKeyPair,
  exportJWK,
  createLocalJWKSet,
  decodeProtectedHeader,
} from 'jose';
import { AuthenticationError, JwtVerifier } from '../../src';
import { clientCredentialsToken, keycloakIssuer } from '@sportclub/testing';

describe('JwtVerifier against the real Keycloak realm', () => {
  const issuer = keycloakIssuer();
  const verifier = new JwtVerifier({ issuer, audience: 'sportclub-api' });

  it('accepts a client-credentials token of a partner and reads its tenant and role', async () => {
    const token = await clientCredentialsToken('partner-aurora', 'partner-aurora-dev-secret');
    const principal = await verifier.verify(token);
    expect(principal).toMatchObject({ tenantId: 'club-aurora', clientId: 'partner-aurora' });
    expect(principal.roles).toContain('partner');
    expect(decodeProtectedHeader(token).alg).toBe('RS256');
  });

  it('keeps tenants apart: the other partner gets the other tenant', async () => {
    const token = await clientCredentialsToken('partner-boreal', 'partner-boreal-dev-secret');
    await expect(verifier.verify(token)).resolves.toMatchObject({ tenantId: 'club-boreal' });
  });

  it('rejects a token whose payload was tampered with', async () => {
    const token = await clientCredentialsToken('partner-aurora', 'partner-aurora-dev-secret');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, tenant_id: 'club-boreal' })).toString('base64url');
    await expect(verifier.verify(`${header}.${forged}.${signature}`)).rejects.toThrow(
      new AuthenticationError('bad signature'),
    );
  });

  it('rejects the same genuine token when the verifier expects another audience or issuer', async () => {
    const token = await clientCredentialsToken('partner-aurora', 'partner-aurora-dev-secret');
    await expect(new JwtVerifier({ issuer, audience: 'another-api' }).verify(token)).rejects.toThrow(
      /claim aud/,
    );
    await expect(
      new JwtVerifier({ issuer: `${issuer}-evil`, audience: 'sportclub-api' }).verify(token),
    ).rejects.toThrow(AuthenticationError);
  });

  it('rejects unsigned tokens and tokens signed by a key the realm does not publish', async () => {
    const claims = { sub: 'x', typ: 'Bearer', tenant_id: 'club-aurora', realm_access: { roles: ['admin'] } };
    const unsigned = new UnsecuredJWT(claims)
      .setIssuer(issuer)
      .setAudience('sportclub-api')
      .setExpirationTime('5m')
      .encode();
    await expect(verifier.verify(unsigned)).rejects.toThrow(AuthenticationError);

    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'not-a-realm-key' })
      .setIssuer(issuer)
      .setAudience('sportclub-api')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifier.verify(foreign)).rejects.toThrow(new AuthenticationError('unknown signing key'));
  });

  it('rejects an expired token even when its signature is good', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    const local = new JwtVerifier({
      issuer,
      audience: 'sportclub-api',
      keys: createLocalJWKSet({ keys: [jwk] }),
    });
    const expired = await new SignJWT({ typ: 'Bearer', tenant_id: 'club-aurora' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('s')
      .setIssuer(issuer)
      .setAudience('sportclub-api')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(privateKey);
    await expect(local.verify(expired)).rejects.toThrow(new AuthenticationError('expired'));
  });
});
