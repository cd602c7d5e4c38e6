/**
 * The Mux access token the sandbox accepts for local runs (Mux dashboard → Settings → Access Tokens:
 * an id and a secret, sent by the SDK as HTTP Basic). Fixed, so deploy/services.json and docs can name
 * it; `MUX_TOKEN_ID` / `MUX_TOKEN_SECRET` replace it.
 */
export const DEV_ACCESS_TOKEN = {
  id: '5a4db0c5-0000-4000-8000-00000000de01',
  secret: 'sandbox-mux-token-secret-dev-only',
} as const;

/**
 * The Mux environment the sandbox is (one per sandbox: a Mux access token belongs to one environment,
 * and webhooks carry it).
 */
export const SANDBOX_ENVIRONMENT = { id: 'sbx0mx', name: 'Sandbox' } as const;
