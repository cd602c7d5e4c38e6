/** Staff import these ids as members of their club (what a club does before handing out cards). */
export async function importMembers(
  gatewayUrl: string,
  staffToken: string,
  memberIds: string[],
): Promise<void> {
  for (let i = 0; i < memberIds.length; i += 500) {
    const res = await fetch(`${gatewayUrl}/v1/members/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ members: memberIds.slice(i, i + 500).map((memberId) => ({ memberId })) }),
    });
    if (res.status !== 200) throw new Error(`member import answered ${res.status}: ${await res.text()}`);
  }
}
