import { localInfraEnv } from './local-env';
import { repoRoot } from './repo';

export function keycloakIssuer(): string {
  const env = localInfraEnv(repoRoot());
  return `${env.KEYCLOAK_URL}/realms/${env.KEYCLOAK_REALM}`;
}

async function token(form: Record<string, string>): Promise<string> {
  const res = await fetch(`${keycloakIssuer()}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!res.ok || !body.access_token)
    throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** An access token for a service-account client (partners, the gateway). */
export const clientCredentialsToken = (clientId: string, clientSecret: string) =>
  token({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });

/** An access token for a realm test user through the dev-only direct-grant client. */
export const userToken = (username: string, password = 'dev-password') =>
  token({ grant_type: 'password', client_id: 'sportclub-dev-cli', username, password });
