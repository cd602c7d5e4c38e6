import { tokenSubject } from './tokens';

/**
 * Checks the caller out of every court they are on (a member on a court is refused a new check-in), as
 * a member leaving before their next game would.
 */
export async function leaveCourts(gatewayUrl: string, token: string): Promise<void> {
  const auth = { authorization: `Bearer ${token}` };
  const res = await fetch(`${gatewayUrl}/v1/sessions?active=true`, { headers: auth });
  if (res.status !== 200) throw new Error(`listing sessions answered ${res.status}: ${await res.text()}`);
  const me = tokenSubject(token);
  for (const s of (await res.json()) as { sessionId: string; memberId: string }[]) {
    if (s.memberId !== me) continue;
    const out = await fetch(`${gatewayUrl}/v1/check-outs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: s.sessionId }),
    });
    if (out.status !== 200) throw new Error(`check-out answered ${out.status}: ${await out.text()}`);
  }
}
