import type { IncomingMessage, ServerResponse } from 'node:http';

/** The parts of Express's request the sandbox reads (the workspace has no @types/express). */
export interface HttpRequest extends IncomingMessage {
  method: string;
  path: string;
  protocol: string;
  body?: unknown;
  query: unknown;
  get(name: string): string | undefined;
}

/** The parts of Express's response the sandbox writes. */
export interface HttpResponse extends ServerResponse {
  status(code: number): this;
  json(body: unknown): this;
}
