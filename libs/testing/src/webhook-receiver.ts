import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The exact bytes received, as a receiver must verify them. */
  raw: string;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  /** Everything received so far, in arrival order. */
  received: ReceivedWebhook[];
  /** What arrived on one path (`/stripe`, `/mercadopago`…). */
  on(path: string): ReceivedWebhook[];
  stop(): Promise<void>;
}

/** A local HTTP endpoint standing in for the platform's webhook receivers: records and answers 200. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      received.push({
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        raw: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    on: (path) => received.filter((w) => w.path === path),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
