import { composeServiceEnv, localServiceEnv, repoRoot } from '@sportclub/testing';
import { loadConfig } from '@sportclub/service-kit';
import { calendarSyncConfigSchema } from './calendar-sync.config';

describe('calendar-sync config', () => {
  it('boots with the local (deploy/services.json) and docker-compose settings, Google being the sandbox', () => {
    const root = repoRoot();
    // LOG_LEVEL comes from the test runner's environment; the service's own settings are what count.
    const local = loadConfig(calendarSyncConfigSchema, {
      ...localServiceEnv(root, 'calendar-sync'),
      LOG_LEVEL: 'info',
    });
    expect(local).toMatchObject({
      GOOGLE_OAUTH_URL: 'http://127.0.0.1:3100',
      PUBLIC_BASE_URL: expect.any(String),
    });
    expect(local.TOKEN_KEYS).toHaveLength(1);

    const env = composeServiceEnv(root, 'calendar-sync');
    const composed = loadConfig(calendarSyncConfigSchema, env);
    // The browser comes back to the published port; Google's pushes reach the service by its name.
    expect(composed.GOOGLE_REDIRECT_URI).toBe('http://127.0.0.1:3003/oauth/google/callback');
    expect(composed.PUBLIC_BASE_URL).toBe('http://calendar-sync:3003');
  });
});
