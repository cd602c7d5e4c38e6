import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@sportclub/service-kit';
import { freePort } from '@sportclub/testing';
import { SANDBOX_SERVICE } from '../../src/sandbox.service';

export interface InProcessSandbox {
  url: string;
  app: INestApplication;
  stop(): Promise<void>;
}

/**
 * The sandbox booted inside the test process on free ports (HTTP and SMTP), from the same options as
 * main.ts: nothing to build first, no process to spawn, and no platform infrastructure touched.
 */
export async function startSandboxInProcess(): Promise<InProcessSandbox> {
  const port = await freePort();
  Object.assign(process.env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    SMTP_PORT: String(await freePort()),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const app = await createServiceApp(SANDBOX_SERVICE);
  await app.listen(port, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, app, stop: () => app.close() };
}
