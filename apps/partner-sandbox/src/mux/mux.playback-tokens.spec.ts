import { generateKeyPairSync, createPublicKey, type KeyObject } from 'node:crypto';
import Mux from '@mux/mux-node';
import { SignJWT } from 'jose';
import { checkPlaybackToken } from './mux.playback-tokens';

/** A URL signing key as Mux hands it out: an id and a base64 PKCS#1 PEM private key. */
function signingKey(id: string) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    id,
    privateKey,
    publicKey: createPublicKey(privateKey),
    secret: Buffer.from(pem).toString('base64'),
  };
}

describe('signed playback tokens', () => {
  const mux = new Mux({ tokenId: 'unused', tokenSecret: 'unused' });
  const key = signingKey('KEYaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
  const other = signingKey('KEYbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
  const known: Record<string, KeyObject> = { [key.id]: key.publicKey, [other.id]: other.publicKey };
  const keyOf = (kid: string) => known[kid];
  const video = { playbackId: 'PLAYBACK00000000000000000000000000001', audience: 'v' as const };
  const sign = (
    config: { type?: 'video' | 'thumbnail'; expiration?: string } = {},
    playbackId = video.playbackId,
  ): Promise<string> =>
    mux.jwt.signPlaybackId(playbackId, { keyId: key.id, keySecret: key.secret, expiration: '1h', ...config });

  it('accepts what the official SDK signs with a known key, for that playback id and media', async () => {
    await expect(checkPlaybackToken(await sign(), video, keyOf)).resolves.toEqual({ ok: true });
    const thumbnail = await sign({ type: 'thumbnail' });
    await expect(checkPlaybackToken(thumbnail, { ...video, audience: 't' }, keyOf)).resolves.toEqual({
      ok: true,
    });
  });

  it('refuses a missing, expired or malformed token', async () => {
    await expect(checkPlaybackToken(undefined, video, keyOf)).resolves.toMatchObject({ ok: false });
    const expired = await sign({ expiration: '-60' });
    await expect(checkPlaybackToken(expired, video, keyOf)).resolves.toEqual({
      ok: false,
      reason: 'The token has expired.',
    });
    const later = new Date(Date.now() + 2 * 3_600_000);
    await expect(checkPlaybackToken(await sign(), video, keyOf, later)).resolves.toMatchObject({ ok: false });
    await expect(checkPlaybackToken('not-a-jwt', video, keyOf)).resolves.toMatchObject({ ok: false });
  });

  it('refuses a token for another playback id or another kind of media', async () => {
    const forOther = await sign({}, 'PLAYBACK00000000000000000000000000002');
    await expect(checkPlaybackToken(forOther, video, keyOf)).resolves.toMatchObject({
      ok: false,
      reason: expect.stringMatching(/another playback id/),
    });
    await expect(checkPlaybackToken(await sign({ type: 'thumbnail' }), video, keyOf)).resolves.toMatchObject({
      ok: false,
      reason: expect.stringMatching(/aud must be v/),
    });
  });

  it('refuses an unknown key id, and a signature by another key than the one named', async () => {
    const unknown = await mux.jwt.signPlaybackId(video.playbackId, {
      keyId: 'KEYdeleted00000000000000000000000000',
      keySecret: key.secret,
    });
    await expect(checkPlaybackToken(unknown, video, keyOf)).resolves.toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not exist/),
    });
    const forged = await mux.jwt.signPlaybackId(video.playbackId, { keyId: key.id, keySecret: other.secret });
    await expect(checkPlaybackToken(forged, video, keyOf)).resolves.toMatchObject({
      ok: false,
      reason: `The token was not signed with signing key ${key.id}.`,
    });
  });

  it('reads kid from the JOSE header when the claims lack it, and requires exp and RS256', async () => {
    const claims = { sub: video.playbackId, aud: 'v' };
    const headerKid = await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 })
      .setProtectedHeader({ alg: 'RS256', kid: key.id })
      .sign(key.privateKey);
    await expect(checkPlaybackToken(headerKid, video, keyOf)).resolves.toEqual({ ok: true });
    const noExp = await new SignJWT({ ...claims, kid: key.id })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(key.privateKey);
    await expect(checkPlaybackToken(noExp, video, keyOf)).resolves.toEqual({
      ok: false,
      reason: 'The token has no expiration (exp).',
    });
    const hmac = await new SignJWT({ ...claims, kid: key.id, exp: Math.floor(Date.now() / 1000) + 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(Buffer.from('a shared secret that is long enough'));
    await expect(checkPlaybackToken(hmac, video, keyOf)).resolves.toMatchObject({ ok: false });
  });
});
