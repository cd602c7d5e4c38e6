import { newKey, providerAccountsKit } from '../../../test/support/provider-accounts';
import { tx } from '../../../test/support/in-memory-ports';
import { OWN_ACCOUNT_TTL_MS } from '../../provider-accounts/application/get-own-account/get-own-account.handler';
import type { ProviderAccount } from '../../provider-accounts/domain/provider-account';
import type { NotificationsConfig } from '../../config/notifications.config';
import { ClubCredentials } from './club-credentials';
import { PlatformCredentials } from './platform-credentials';

const PLATFORM_SID = `AC${'00'.repeat(15)}01`;
const platform = new PlatformCredentials({
  TWILIO_ACCOUNT_SID: PLATFORM_SID,
  TWILIO_AUTH_TOKEN: 'platform-auth-token',
  TWILIO_WHATSAPP_FROM: '+14155238886',
  TWILIO_CONTENT_SIDS: {},
  SMTP_PORT: 587,
  SMTP_SECURE: false,
} as unknown as NotificationsConfig);

const aurora: ProviderAccount = {
  provider: 'twilio',
  accountSid: `AC${'a1'.repeat(16)}`,
  authToken: 'aurora-own-auth-token',
  whatsappFrom: '+551140000001',
  smsFrom: '+551140000001',
};

function setup(keys = [newKey('k1')]) {
  const kit = providerAccountsKit(keys);
  return { ...kit, credentials: new ClubCredentials(kit.own, platform) };
}

describe("a club's credentials", () => {
  afterEach(() => jest.useRealTimers());

  it("are the platform's until the club sets its own, then its own, and the platform's again once removed", async () => {
    const { credentials, save, remove } = setup();
    expect(await credentials.get('club-aurora', 'twilio')).toMatchObject({ accountSid: PLATFORM_SID });

    const view = await save.execute(tx, 'club-aurora', aurora, 'carla');
    expect(view).toEqual({
      provider: 'twilio',
      settings: { accountSid: aurora.accountSid, whatsappFrom: '+551140000001', smsFrom: '+551140000001' },
      updatedBy: 'carla',
      updatedAt: expect.any(String),
    });
    expect(await credentials.get('club-aurora', 'twilio')).toEqual({
      accountSid: aurora.accountSid,
      authToken: 'aurora-own-auth-token',
      whatsappFrom: '+551140000001',
      smsFrom: '+551140000001',
    });
    // Another club, and another provider of the same club, are untouched.
    expect(await credentials.get('club-boreal', 'twilio')).toMatchObject({ accountSid: PLATFORM_SID });
    await expect(credentials.get('club-aurora', 'smtp')).rejects.toThrow('smtp is not configured');

    expect(await remove.execute(tx, 'club-aurora', 'twilio')).toBe(true);
    expect(await remove.execute(tx, 'club-aurora', 'twilio')).toBe(false);
    expect(await credentials.get('club-aurora', 'twilio')).toMatchObject({ accountSid: PLATFORM_SID });
  });

  it('are read from the table once per TTL, and at once after this process saves a change', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T12:00:00Z') });
    const { credentials, save, rows } = setup();
    await save.execute(tx, 'club-aurora', aurora, 'carla');
    jest.advanceTimersByTime(10_000); // past the moment a change may still be uncommitted
    await credentials.get('club-aurora', 'twilio');
    const reads = rows.finds;
    await credentials.get('club-aurora', 'twilio');
    await credentials.get('club-aurora', 'twilio');
    expect(rows.finds).toBe(reads);

    jest.advanceTimersByTime(OWN_ACCOUNT_TTL_MS + 1);
    await credentials.get('club-aurora', 'twilio');
    expect(rows.finds).toBe(reads + 1);

    await save.execute(tx, 'club-aurora', { ...aurora, authToken: 'aurora-rotated-token' }, 'carla');
    expect(await credentials.get('club-aurora', 'twilio')).toMatchObject({
      authToken: 'aurora-rotated-token',
    });
  });

  it('remember that a club has no account of its own, too', async () => {
    const { credentials, rows } = setup();
    await credentials.get('club-boreal', 'twilio');
    await credentials.get('club-boreal', 'twilio');
    expect(rows.finds).toBe(1);
  });

  it("never fall back to the platform's for a club whose account does not decrypt", async () => {
    const { credentials, save, rows } = setup();
    await save.execute(tx, 'club-aurora', aurora, 'carla');
    // The row copied to another club: its binding (club, provider) no longer matches.
    rows.rows.set('club-boreal|twilio', { ...rows.rows.get('club-aurora|twilio')!, tenantId: 'club-boreal' });
    await expect(credentials.get('club-boreal', 'twilio')).rejects.toThrow(/does not authenticate/);
  });

  it('re-encrypt an account sealed under an older key with the current one when it is read', async () => {
    const [old, next] = [newKey('2025'), newKey('2026')];
    const before = setup([old]);
    await before.save.execute(tx, 'club-aurora', aurora, 'carla');
    const updatedAt = before.rows.rows.get('club-aurora|twilio')!.updatedAt;

    const rotated = before.rotate([next, old]);
    const credentials = new ClubCredentials(rotated.own, platform);
    expect(await credentials.get('club-aurora', 'twilio')).toMatchObject({ authToken: aurora.authToken });
    const row = rotated.rows.rows.get('club-aurora|twilio')!;
    expect(row.sealed.keyId).toBe('2026');
    expect(row.updatedAt).toBe(updatedAt);

    // With the old key gone, the account still opens.
    const retired = rotated.rotate([next]);
    expect(await new ClubCredentials(retired.own, platform).get('club-aurora', 'twilio')).toMatchObject({
      authToken: aurora.authToken,
    });
  });
});
