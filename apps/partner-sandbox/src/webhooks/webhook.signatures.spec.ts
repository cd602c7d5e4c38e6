import Mux from '@mux/mux-node';
import { muxSignature, unixSeconds } from './webhook.signatures';

describe('Mux webhook signature', () => {
  const mux = new Mux({ tokenId: 'unused', tokenSecret: 'unused' });
  const secret = 'mux-webhook-signing-secret';
  const body = JSON.stringify({
    type: 'video.asset.ready',
    id: 'e1',
    data: { id: 'asset1', passthrough: 'p' },
  });

  it("is what the SDK's verifier accepts: HMAC-SHA256 of `<t>.<raw body>`, hex, in mux-signature", async () => {
    const headers = { 'mux-signature': muxSignature(secret, body) };
    await expect(mux.webhooks.verifySignature(body, headers, secret)).resolves.toBeUndefined();
    await expect(mux.webhooks.unwrap(body, headers, secret)).resolves.toMatchObject({
      type: 'video.asset.ready',
    });
  });

  it('fails for another body, another secret, or a timestamp older than five minutes', async () => {
    const headers = { 'mux-signature': muxSignature(secret, body) };
    await expect(mux.webhooks.verifySignature(body.replace('"p"', '"q"'), headers, secret)).rejects.toThrow(
      /No signatures found matching/,
    );
    await expect(mux.webhooks.verifySignature(body, headers, 'another-secret')).rejects.toThrow();
    const stale = { 'mux-signature': muxSignature(secret, body, unixSeconds() - 301) };
    await expect(mux.webhooks.verifySignature(body, stale, secret)).rejects.toThrow(/too old/);
  });
});
