import type { KeyObject } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';

/**
 * The check stream.mux.com makes of a signed playback id's `?token=` (docs.mux.com, "Secure video
 * playback"): a JWT signed RS256 with one of the environment's URL signing keys, naming that key in
 * `kid`, for the playback id (`sub`) and the kind of media asked for (`aud`: `v` video, `t` thumbnail,
 * `g` gif, `s` storyboard, `d` DRM license), not expired (`exp`, required). Mux's SDK writes `kid` as a
 * claim; other signers put it in the JOSE header, which is read when the claim is absent.
 *
 * Not simulated: playback restrictions (`playback_restriction_id`), and the playback modifiers a token
 * may carry as claims (`time`, `width`, `asset_start_time`…), which are ignored.
 */

export type PlaybackAudience = 'v' | 't' | 'g' | 's' | 'd';

export type TokenCheck = { ok: true } | { ok: false; reason: string };

/** Checks `token` for `playbackId` and `audience`; `keyOf` finds a live signing key's public key. */
export async function checkPlaybackToken(
  token: string | undefined,
  expected: { playbackId: string; audience: PlaybackAudience },
  keyOf: (kid: string) => KeyObject | undefined,
  now: Date = new Date(),
): Promise<TokenCheck> {
  if (!token) return { ok: false, reason: 'A token is required for a signed playback id.' };
  let kid: unknown;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'RS256') return { ok: false, reason: 'The token must be signed with RS256.' };
    kid = decodeJwt(token).kid ?? header.kid;
  } catch {
    return { ok: false, reason: 'The token is not a JWT.' };
  }
  if (typeof kid !== 'string' || !kid) return { ok: false, reason: 'The token names no signing key (kid).' };
  const key = keyOf(kid);
  if (!key) return { ok: false, reason: `The signing key ${kid} does not exist in this environment.` };
  try {
    await jwtVerify(token, key, {
      algorithms: ['RS256'],
      subject: expected.playbackId,
      audience: expected.audience,
      requiredClaims: ['exp'],
      currentDate: now,
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'The token has expired.' };
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return { ok: false, reason: `The token was not signed with signing key ${kid}.` };
    }
    if (error instanceof errors.JWTClaimValidationFailed) {
      const claims: Record<string, string> = {
        sub: 'The token is for another playback id (sub).',
        aud: `The token is not for this kind of media (aud must be ${expected.audience}).`,
        exp: 'The token has no expiration (exp).',
      };
      return { ok: false, reason: claims[error.claim] ?? `The token's ${error.claim} claim is invalid.` };
    }
    return { ok: false, reason: 'The token is invalid.' };
  }
}
