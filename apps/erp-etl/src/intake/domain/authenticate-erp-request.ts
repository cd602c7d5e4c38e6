import { verifyApiKey, type ApiKeyFailure } from './api-key';
import { verifyErpSignature, type SignatureFailure } from './erp-signature';
import { checkSourceIp, type IpFailure, type IpRange } from './ip-allow-list';

/** What the platform knows to authenticate one ERP client (from configuration). */
export interface ClientCredentials {
  secrets: readonly string[];
  apiKeyHashes: readonly Buffer[];
  /** Undefined: any source address. */
  allowIps: readonly IpRange[] | undefined;
}

export interface ErpRequest {
  signature: string | undefined;
  apiKey: string | undefined;
  rawBody: Buffer;
  sourceIp: string | undefined;
}

export type AuthFailure =
  IpFailure | SignatureFailure | ApiKeyFailure | 'unknown-client' | 'credentials-missing';

export type AuthResult = { ok: true; by: 'signature' | 'api-key' } | { ok: false; reason: AuthFailure };

/**
 * One ERP webhook request, authenticated: the source address against the client's allow-list first,
 * then its signature when it carries one (a bad signature is never rescued by a key), otherwise its API
 * key. Undefined credentials: a client this platform does not know.
 */
export function authenticateErpRequest(
  request: ErpRequest,
  credentials: ClientCredentials | undefined,
  clock: { nowSeconds: number; toleranceSeconds: number },
): AuthResult {
  if (!credentials) return { ok: false, reason: 'unknown-client' };
  const ip = checkSourceIp(request.sourceIp, credentials.allowIps);
  if (!ip.ok) return ip;
  if (request.signature !== undefined) {
    const signature = verifyErpSignature({
      header: request.signature,
      rawBody: request.rawBody,
      secrets: credentials.secrets,
      ...clock,
    });
    return signature.ok ? { ok: true, by: 'signature' } : signature;
  }
  if (request.apiKey !== undefined) {
    const key = verifyApiKey(request.apiKey, credentials.apiKeyHashes);
    return key.ok ? { ok: true, by: 'api-key' } : key;
  }
  return { ok: false, reason: 'credentials-missing' };
}
