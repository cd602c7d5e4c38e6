export { repoRoot } from './repo';
export { createScratchDatabase, adminDatabaseUrl, type ScratchDatabase } from './databases';
export { startService, freePort, type RunningService } from './service-process';
export { keycloakIssuer, clientCredentialsToken, userToken } from './keycloak';
export { eventually } from './eventually';
export { expectServiceLifecycle } from './service-lifecycle';
export { localServiceEnv, localServices, localInfraEnv } from './local-env';
export { startDevicesBroker, type DevicesBroker } from './devices-broker';
export { paymentProviderUrls, sandboxAdmin } from './partner-sandbox';
