import { z } from 'zod';
import { optionalVariable, serviceConfigSchema } from '@sportclub/service-kit';
import { erpClientIds } from '../clients/registry';
import { hashApiKey } from '../intake/domain/api-key';
import { parseIpRange, type IpRange } from '../intake/domain/ip-allow-list';

/**
 * Per-client settings share one shape: `<client>=<value>|<value>;<client>=<value>` — clients separated
 * by `;`, a client's values by `|` (newest first during a rotation). `,` is left alone so a value may
 * hold one. A client must be one of `clients/registry.ts`, named once. Problems name the client and the
 * value's position, never a secret's content.
 */
function perClient<T>(what: string, value: (text: string) => T | { error: string }) {
  return z.string().transform((text, raw) => {
    const out: Record<string, T[]> = {};
    let problems = 0;
    const ctx = {
      addIssue: (issue: { code: 'custom'; message: string }) => {
        problems += 1;
        raw.addIssue(issue);
      },
    };
    const known = erpClientIds();
    for (const [i, part] of text.split(';').entries()) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      const client = eq < 0 ? '' : part.slice(0, eq).trim();
      if (eq < 0 || client === '') {
        ctx.addIssue({ code: 'custom', message: `part ${i + 1} is not <client>=<${what}>[|<${what}>…]` });
        continue;
      }
      if (!known.includes(client)) {
        ctx.addIssue({
          code: 'custom',
          message: `'${client}' is not a registered client (${known.join(', ')})`,
        });
        continue;
      }
      if (Object.hasOwn(out, client)) {
        ctx.addIssue({ code: 'custom', message: `'${client}' is named twice` });
        continue;
      }
      const values = part
        .slice(eq + 1)
        .split('|')
        .map((v) => v.trim());
      out[client] = [];
      for (const [n, raw] of values.entries()) {
        const parsed = value(raw);
        if (typeof parsed === 'object' && parsed !== null && 'error' in parsed)
          ctx.addIssue({ code: 'custom', message: `'${client}' ${what} ${n + 1}: ${parsed.error}` });
        else out[client].push(parsed as T);
      }
    }
    if (problems === 0 && Object.keys(out).length === 0)
      ctx.addIssue({ code: 'custom', message: 'names no client' });
    return out;
  });
}

const secret = (min: number, what: string) => (text: string) =>
  text.length >= min ? text : { error: `a ${what} is at least ${min} characters` };

export const erpEtlConfigSchema = serviceConfigSchema.extend({
  /** erp-etl's landing zone: every webhook and extracted page as received (decision 0021). */
  MONGO_URL: z.url({ protocol: /^mongodb(\+srv)?$/ }),
  /**
   * Each client's webhook signing secrets (X-Erp-Signature): `banban=<new>|<old>;<client>=<secret>`.
   * During a rotation both are accepted; drop the old one when the client has moved.
   */
  ERP_CLIENT_SECRETS: perClient('secret', secret(24, 'secret')),
  /**
   * Optional API keys (X-Api-Key) for clients that cannot sign, same shape; held only as SHA-256
   * digests once read.
   */
  ERP_CLIENT_API_KEYS: optionalVariable(
    perClient('key', (text) => {
      const checked = secret(24, 'key')(text);
      return typeof checked === 'string' ? hashApiKey(checked) : checked;
    }),
  ),
  /**
   * Optional source-address allow-lists: `banban=203.0.113.0/24|2001:db8::/32`. A client not named
   * here is accepted from any address.
   */
  ERP_CLIENT_ALLOW_IPS: optionalVariable(perClient<IpRange>('range', parseIpRange)),
  /** How far a signature's timestamp may be from our clock, either way, in seconds. */
  ERP_SIGNATURE_TOLERANCE_S: z.coerce.number().int().min(30).max(3_600).default(300),
});

export type ErpEtlConfig = z.infer<typeof erpEtlConfigSchema>;
