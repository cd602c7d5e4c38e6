import { tx } from '../../../../test/support/in-memory-ports';
import { newKey, providerAccountsKit } from '../../../../test/support/provider-accounts';
import type { ProviderAccount } from '../../domain/provider-account';

const smtp = (host: string): ProviderAccount => ({
  provider: 'smtp',
  host,
  port: 587,
  secure: false,
  user: 'avisos',
  pass: 'smtp-password',
  from: 'avisos@club.example',
});

describe('re-encrypting provider accounts after a rotation', () => {
  it('moves every account under an older key to the current one, and reports those it cannot open', async () => {
    const [gone, old, next] = [newKey('2024'), newKey('2025'), newKey('2026')];
    const first = providerAccountsKit([gone]);
    await first.save.execute(tx, 'club-lost', smtp('smtp.lost.example'), 'admin');
    const second = first.rotate([old]);
    // More accounts than one batch, so paging over the table is exercised too.
    for (let i = 0; i < 120; i++) {
      await second.save.execute(tx, `club-${String(i).padStart(3, '0')}`, smtp(`smtp${i}.example`), 'admin');
    }

    const rotated = second.rotate([next, old]);
    const outcome = await rotated.reseal.execute();
    expect(outcome.resealed).toBe(120);
    expect(outcome.unreadable).toEqual([
      {
        tenantId: 'club-lost',
        provider: 'smtp',
        keyId: '2024',
        reason: 'sealed under key "2024", which CREDENTIALS_KEYS does not hold',
      },
    ]);
    const keys = [...rotated.rows.rows.values()].map((r) => r.sealed.keyId);
    expect(keys.filter((k) => k === '2026')).toHaveLength(120);

    // Nothing left to do; the old key can go, and every account still opens.
    expect((await rotated.reseal.execute()).resealed).toBe(0);
    const retired = rotated.rotate([next]);
    expect(await retired.own.execute('club-119', 'smtp')).toMatchObject({ host: 'smtp119.example' });
    expect(await retired.list.execute(tx, 'club-lost')).toEqual([
      {
        provider: 'smtp',
        unreadable: 'sealed under key "2024", which CREDENTIALS_KEYS does not hold',
        updatedBy: 'admin',
        updatedAt: expect.any(String),
      },
    ]);
  });
});
