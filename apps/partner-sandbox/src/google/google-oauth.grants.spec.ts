import { DEV_CLIENT } from './google-oauth.clients';
import { ConsentRequestError, GoogleOAuthGrants } from './google-oauth.grants';

const SCOPE = 'https://www.googleapis.com/auth/calendar.events';
const REDIRECT = 'http://127.0.0.1:4100/callback';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as { getStatus(): number; getResponse(): { error: string } } & ConsentRequestError;
  }
  throw new Error('expected a refusal');
};

describe('GoogleOAuthGrants', () => {
  let grants: GoogleOAuthGrants;
  beforeEach(() => {
    grants = new GoogleOAuthGrants();
  });
  afterEach(() => jest.useRealTimers());

  const authorize = (extra: Record<string, string> = {}) =>
    grants.authorize({
      client_id: DEV_CLIENT.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: SCOPE,
      access_type: 'offline',
      prompt: 'consent',
      ...extra,
    });
  const codeFrom = (location: string) => new URL(location).searchParams.get('code')!;
  const redeem = (code: string, redirect = REDIRECT) =>
    grants.exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirect,
      client_id: DEV_CLIENT.clientId,
      client_secret: DEV_CLIENT.clientSecret,
    });

  it('validates the authorization request before showing consent', () => {
    expect(refusal(() => authorize({ client_id: 'x' })).status).toBe(401);
    expect(refusal(() => authorize({ redirect_uri: 'https://evil.example/cb' })).code).toBe(
      'redirect_uri_mismatch',
    );
    expect(refusal(() => authorize({ response_type: 'token' })).code).toBe('unsupported_response_type');
    expect(refusal(() => authorize({ scope: 'https://www.googleapis.com/auth/drive' })).code).toBe(
      'invalid_scope',
    );
    expect(refusal(() => authorize({ access_type: 'forever' })).code).toBe('invalid_request');
  });

  it('binds a single-use code to its client and redirect URI', () => {
    const code = codeFrom(grants.decide(authorize().id, 'ana@gmail.com', true));
    expect(refusal(() => redeem(code, 'http://127.0.0.1:4100/other')).getResponse().error).toBe(
      'redirect_uri_mismatch',
    );
    const tokens = redeem(code);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3_599, scope: SCOPE });
    expect(tokens.refresh_token).toBeDefined();
    expect(refusal(() => redeem(code)).getResponse().error).toBe('invalid_grant');
  });

  it('refuses a wrong client secret with 401 invalid_client', () => {
    const code = codeFrom(grants.decide(authorize().id, 'ana@gmail.com', true));
    const wrong = refusal(() =>
      grants.exchange({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: DEV_CLIENT.clientId,
        client_secret: 'nope',
      }),
    );
    expect(wrong.getStatus()).toBe(401);
    expect(wrong.getResponse().error).toBe('invalid_client');
  });

  it('expires codes after ten minutes', () => {
    jest.useFakeTimers({ now: Date.parse('2031-01-01T12:00:00Z') });
    const code = codeFrom(grants.decide(authorize().id, 'ana@gmail.com', true));
    jest.setSystemTime(Date.parse('2031-01-01T12:10:01Z'));
    expect(refusal(() => redeem(code)).getResponse().error).toBe('invalid_grant');
  });

  it('gives a second refresh token only when consent is forced', () => {
    redeem(codeFrom(grants.decide(authorize().id, 'ana@gmail.com', true)));
    const again = redeem(
      codeFrom(grants.decide(authorize({ prompt: 'select_account' }).id, 'ana@gmail.com', true)),
    );
    expect(again).not.toHaveProperty('refresh_token');
    const forced = redeem(codeFrom(grants.decide(authorize().id, 'ana@gmail.com', true)));
    expect(forced.refresh_token).toBeDefined();
  });

  it('access tokens expire (sooner with the admin knob); refresh issues new ones; revoke ends it all', () => {
    jest.useFakeTimers({ now: Date.parse('2031-01-01T12:00:00Z') });
    grants.setAccessTokenTtl(60);
    const tokens = redeem(codeFrom(grants.decide(authorize().id, 'ana@gmail.com', true)));
    expect(grants.ownerOf(tokens.access_token)).toMatchObject({ email: 'ana@gmail.com', scopes: [SCOPE] });
    jest.setSystemTime(Date.parse('2031-01-01T12:01:00Z'));
    expect(grants.ownerOf(tokens.access_token)).toBe('expired');

    const refreshed = grants.exchange({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: DEV_CLIENT.clientId,
      client_secret: DEV_CLIENT.clientSecret,
    });
    expect(grants.ownerOf(refreshed.access_token)).toMatchObject({ email: 'ana@gmail.com' });
    expect(grants.expireAccessTokens('ana@gmail.com')).toBe(1);
    expect(grants.ownerOf(refreshed.access_token)).toBe('expired');

    grants.revoke(tokens.refresh_token);
    const afterRevoke = refusal(() =>
      grants.exchange({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        client_id: DEV_CLIENT.clientId,
        client_secret: DEV_CLIENT.clientSecret,
      }),
    );
    expect(afterRevoke.getResponse().error).toBe('invalid_grant');
    expect(refusal(() => grants.revoke(tokens.refresh_token)).getResponse().error).toBe('invalid_token');
    expect(grants.listGrants({ email: 'ana@gmail.com' })[0].revokedAt).not.toBeNull();
  });

  it('takes only exact redirect URIs for a registered client', () => {
    grants.registerClient({
      clientId: 'club.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-club',
      redirectUris: ['https://club.example/cb'],
    });
    const base = { client_id: 'club.apps.googleusercontent.com', response_type: 'code', scope: SCOPE };
    expect(grants.authorize({ ...base, redirect_uri: 'https://club.example/cb' }).client.clientId).toBe(
      base.client_id,
    );
    expect(refusal(() => grants.authorize({ ...base, redirect_uri: REDIRECT })).code).toBe(
      'redirect_uri_mismatch',
    );
  });
});
