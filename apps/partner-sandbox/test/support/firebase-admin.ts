import { randomUUID } from 'node:crypto';
import { Agent } from 'node:https';
import { connect } from 'node:net';
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getMessaging, type Messaging } from 'firebase-admin/messaging';
import { JWT } from 'google-auth-library';

/** A service account key file as the sandbox's admin API hands it out. */
export interface ServiceAccountFile {
  project_id: string;
  client_email: string;
  private_key: string;
  token_uri: string;
}

/**
 * The Firebase Admin SDK pointed at the sandbox the way the notifications service points it: a
 * Credential over google-auth-library's JWT client whose token request goes to the sandbox (a Gaxios
 * interceptor), and an `httpAgent` that connects `fcm.googleapis.com` to the sandbox's port.
 */
export function sandboxMessaging(
  sandboxUrl: string,
  account: ServiceAccountFile,
): { messaging: Messaging; close(): Promise<void> } {
  const origin = new URL(sandboxUrl);
  const jwt = new JWT({
    email: account.client_email,
    key: account.private_key,
    scopes: ['https://www.googleapis.com/auth/firebase.messaging'],
    transporterOptions: { fetchImplementation: fetch },
  });
  jwt.transporter.interceptors.request.add({
    resolved: async (config) => ({ ...config, url: new URL(account.token_uri) }),
  });
  const agent = new (class extends Agent {
    override createConnection() {
      return connect({ host: origin.hostname, port: Number(origin.port) });
    }
  })({ keepAlive: true });
  const app: App = initializeApp(
    {
      projectId: account.project_id,
      httpAgent: agent,
      credential: {
        getAccessToken: async () => {
          const { token } = await jwt.getAccessToken();
          return {
            access_token: token!,
            expires_in: Math.floor((jwt.credentials.expiry_date! - Date.now()) / 1_000),
          };
        },
      },
    },
    `sandbox-e2e-${randomUUID()}`,
  );
  return {
    messaging: getMessaging(app),
    close: async () => {
      await deleteApp(app);
      agent.destroy();
    },
  };
}
