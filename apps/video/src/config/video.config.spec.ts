import { composeServiceEnv, localServiceEnv, repoRoot } from '@sportclub/testing';
import { loadConfig } from '@sportclub/service-kit';
import { videoConfigSchema } from './video.config';

describe('video config', () => {
  it('boots with the local (deploy/services.json) and docker-compose settings, Mux being the sandbox', () => {
    const root = repoRoot();
    // LOG_LEVEL comes from the test runner's environment; the service's own settings are what count.
    const local = loadConfig(videoConfigSchema, { ...localServiceEnv(root, 'video'), LOG_LEVEL: 'info' });
    expect(local).toMatchObject({
      MUX_API_URL: 'http://127.0.0.1:3100',
      MUX_INGEST_URL: 'rtmps://global-live.mux.com:443/app',
    });
    const composed = loadConfig(videoConfigSchema, composeServiceEnv(root, 'video'));
    expect(composed.MUX_API_URL).toBe('http://partner-sandbox:3100');
  });
});
