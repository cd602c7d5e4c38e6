import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export const ROLES = ['member', 'staff', 'admin', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** Who called: the verified subject, their tenant and their realm roles. */
export interface Principal {
  subject: string;
  tenantId: string;
  roles: Role[];
  /** The OAuth client the token was issued to (`azp`). */
  clientId: string;
}

export class AuthenticationError extends Error {
  constructor(readonly reason: string) {
    super(`invalid access token: ${reason}`);
    this.name = 'AuthenticationError';
  }
}

export interface JwtVerifierOptions {
  /** The realm URL, e.g. http://127.0.0.1:8180/realms/sportclub — the exact `iss` of its tokens. */
  issuer: string;
  audience: string;
  /** Defaults to the realm's JWKS endpoint; keys are fetched once and refreshed on an unknown `kid`. */
  keys?: JWTVerifyGetKey;
  clockToleranceSec?: number;
}

/**
 * Verifies Keycloak access tokens locally against the realm's JWKS: RS256 only (so `alg: none` and
 * HS256-signed-with-the-public-key are refused), exact issuer and audience, exp/nbf, access-token
 * `typ`, and a tenant claim. Replaces the deprecated keycloak-connect adapter.
 */
export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: JwtVerifierOptions) {
    this.keys =
      options.keys ??
      createRemoteJWKSet(new URL(`${options.issuer}/protocol/openid-connect/certs`), {
        cooldownDuration: 30_000,
        timeoutDuration: 3_000,
      });
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload & Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: this.options.clockToleranceSec ?? 5,
      }));
    } catch (error) {
      throw new AuthenticationError(describe(error));
    }
    if (payload.typ !== 'Bearer')
      throw new AuthenticationError(`token typ is ${String(payload.typ)}, not Bearer`);
    const tenantId = payload.tenant_id;
    if (typeof tenantId !== 'string' || tenantId === '') throw new AuthenticationError('no tenant_id claim');
    const realmRoles = (payload.realm_access as { roles?: unknown } | undefined)?.roles;
    const roles = Array.isArray(realmRoles)
      ? realmRoles.filter((r): r is Role => ROLES.includes(r as Role))
      : [];
    return { subject: payload.sub as string, tenantId, roles, clientId: String(payload.azp ?? '') };
  }
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} ${error.reason}`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown signing key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed token';
  return error instanceof Error ? error.message : String(error);
}
