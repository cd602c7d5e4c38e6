import { Agent } from 'node:https';
import { connect as connectTcp } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { Duplex } from 'node:stream';

/** The host firebase-admin sends FCM calls to (`messaging/messaging.js`, FCM_SEND_HOST). */
export const FCM_HOST = 'fcm.googleapis.com';

type ConnectOptions = Parameters<Agent['createConnection']>[0];
type ConnectCallback = Parameters<Agent['createConnection']>[1];

/**
 * Sends the Admin SDK's FCM requests to another origin (locally the partner sandbox). firebase-admin
 * builds FCM URLs on a fixed `https://fcm.googleapis.com` and reads no emulator variable for
 * messaging; the one supported hook is its documented `httpAgent` app option, the agent every REST
 * call of the app goes through. An agent owns where a connection goes (Node's documented
 * `createConnection` override), so this one connects FCM's host to `origin` — plain TCP for `http:`,
 * TLS for `https:` — and leaves any other host to the default. The request itself (path, headers,
 * `Host: fcm.googleapis.com`) is exactly what Google would get.
 */
export class FcmEndpointAgent extends Agent {
  private readonly origin: URL;

  constructor(origin: string) {
    super({ keepAlive: true });
    this.origin = new URL(origin);
    if (this.origin.pathname !== '/' || this.origin.search) {
      throw new Error(
        `FCM API URL must be an origin (scheme://host:port), got ${origin}: the SDK keeps Google's paths`,
      );
    }
  }

  override createConnection(options: ConnectOptions, callback?: ConnectCallback): Duplex | null | undefined {
    if (options.host !== FCM_HOST && options.hostname !== FCM_HOST) {
      return super.createConnection(options, callback);
    }
    const host = this.origin.hostname;
    if (this.origin.protocol === 'http:') {
      return connectTcp({ host, port: Number(this.origin.port || 80) });
    }
    return connectTls({ host, port: Number(this.origin.port || 443), servername: host });
  }
}
