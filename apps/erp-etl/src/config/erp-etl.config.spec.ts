import { composeServiceEnv, localServiceEnv, repoRoot } from '@sportclub/testing';
import { ConfigError, loadConfig } from '@sportclub/service-kit';
import { hashApiKey } from '../intake/domain/api-key';
import { checkSourceIp } from '../intake/domain/ip-allow-list';
import { erpEtlConfigSchema } from './erp-etl.config';

const root = repoRoot();
const base = { ...localServiceEnv(root, 'erp-etl'), LOG_LEVEL: 'info' };
const load = (patch: Record<string, string | undefined>) =>
  loadConfig(erpEtlConfigSchema, { ...base, ...patch });

function problems(patch: Record<string, string | undefined>) {
  try {
    load(patch);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const s1 = 'banban-secret-2026-12-aaaaaaaa';
const s2 = 'banban-secret-2026-06-bbbbbbbb';

describe('erp-etl config', () => {
  it('boots with the local (deploy/services.json) and docker-compose settings', () => {
    const local = loadConfig(erpEtlConfigSchema, base);
    expect(local.MONGO_URL).toBe('mongodb://127.0.0.1:27017/erp_etl');
    expect(Object.keys(local.ERP_CLIENT_SECRETS)).toEqual(['banban']);
    expect(local.ERP_SIGNATURE_TOLERANCE_S).toBe(300);
    const composed = loadConfig(erpEtlConfigSchema, composeServiceEnv(root, 'erp-etl'));
    expect(composed.MONGO_URL).toBe('mongodb://mongodb:27017/erp_etl');
    expect(composed.ERP_CLIENT_SECRETS).toEqual(local.ERP_CLIENT_SECRETS);
  });

  it('reads several secrets per client, newest first', () => {
    expect(load({ ERP_CLIENT_SECRETS: ` banban = ${s1} | ${s2} ;` }).ERP_CLIENT_SECRETS).toEqual({
      banban: [s1, s2],
    });
  });

  it('holds API keys only as their SHA-256 digests', () => {
    const config = load({ ERP_CLIENT_API_KEYS: 'banban=banban-api-key-0123456789abcdef' });
    expect(config.ERP_CLIENT_API_KEYS).toEqual({ banban: [hashApiKey('banban-api-key-0123456789abcdef')] });
    expect(JSON.stringify(config)).not.toContain('banban-api-key-0123456789abcdef');
    expect(load({ ERP_CLIENT_API_KEYS: '' }).ERP_CLIENT_API_KEYS).toBeUndefined();
  });

  it('reads v4 and v6 allow-lists', () => {
    const config = load({ ERP_CLIENT_ALLOW_IPS: 'banban=203.0.113.0/24|2001:db8::/32|198.51.100.7' });
    const ranges = config.ERP_CLIENT_ALLOW_IPS?.banban;
    expect(ranges?.map((r) => r.text)).toEqual(['203.0.113.0/24', '2001:db8::/32', '198.51.100.7']);
    expect(checkSourceIp('2001:db8:1::9', ranges)).toEqual({ ok: true });
  });

  it.each([
    ['ERP_CLIENT_SECRETS', undefined, 'is required but not set'],
    ['ERP_CLIENT_SECRETS', '', 'names no client'],
    ['ERP_CLIENT_SECRETS', s1, 'part 1 is not <client>=<secret>'],
    ['ERP_CLIENT_SECRETS', `banbam=${s1}`, "'banbam' is not a registered client (banban)"],
    ['ERP_CLIENT_SECRETS', `banban=${s1};banban=${s2}`, "'banban' is named twice"],
    ['ERP_CLIENT_SECRETS', `banban=${s1}|short`, "'banban' secret 2: a secret is at least 24 characters"],
    ['ERP_CLIENT_API_KEYS', 'banban=tiny', "'banban' key 1: a key is at least 24 characters"],
    ['ERP_CLIENT_ALLOW_IPS', 'banban=10.0.0.0/8|10.0.0.0/40', "'banban' range 2: '10.0.0.0/40' is not"],
    ['ERP_SIGNATURE_TOLERANCE_S', '5', 'Too small'],
    ['MONGO_URL', 'postgres://127.0.0.1/erp', 'Invalid URL'],
  ])('%s=%s fails naming the variable and the bad part', (variable, value, reason) => {
    expect(problems({ [variable]: value })).toEqual([{ variable, reason: expect.stringContaining(reason) }]);
  });

  it('never repeats a secret in its complaint', () => {
    const [problem] = problems({ ERP_CLIENT_SECRETS: 'banban=too-short-secret' });
    expect(problem.reason).not.toContain('too-short-secret');
  });
});
