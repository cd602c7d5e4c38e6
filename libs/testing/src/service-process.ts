import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { localServiceEnv, localServices } from './local-env';
import { createScratchDatabase, type ScratchDatabase } from './databases';
import { repoRoot } from './repo';

export interface RunningService {
  name: string;
  url: string;
  /**
   * The variables the service was started with on top of the inherited environment: PORT, HOST, its
   * database and brokers, deploy/services.json's, the caller's. Further ports it listens on are here
   * too, e.g. the partner sandbox's SMTP server: `Number(sandbox.env.SMTP_PORT)`.
   */
  env: Record<string, string>;
  process: ChildProcess;
  /** The scratch database of a platform service (see adminDatabaseUrl), dropped on stop. */
  database?: string;
  /** Everything the process wrote so far (JSON log lines). */
  output(): string;
  /** Sends SIGTERM and resolves with how the process ended; drops its scratch database. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a built service (apps/<name>/dist/main.js) as its own process with the local infrastructure,
 * on a free port (and a free one for each of its `extraPorts` the caller's env does not set, so a
 * test never clashes with a service running locally) and — for platform services — a scratch database
 * owned by the service's role, and waits until /health/ready answers 200.
 */
export async function startService(
  name: string,
  options: {
    env?: Record<string, string>;
    readyTimeoutMs?: number;
    /** Reuse this database (a restart of the same service) instead of a new scratch one; not dropped. */
    database?: string;
    /** Listen on this port (a restart at the same address: callbacks already given out still reach it). */
    port?: number;
  } = {},
): Promise<RunningService> {
  const root = repoRoot();
  const entry = localServices(root)[name];
  const db: ScratchDatabase | undefined =
    entry?.database && !options.database
      ? await createScratchDatabase(entry.database, `svc_${entry.database}`)
      : undefined;
  const port = options.port ?? (await freePort());
  const extraPorts: Record<string, number> = {};
  for (const variable of Object.keys(entry?.extraPorts ?? {})) {
    if (options.env?.[variable] === undefined) extraPorts[variable] = await freePort();
  }
  const env = {
    ...localServiceEnv(root, name, { port, database: options.database ?? db?.name, extraPorts }),
    ...options.env,
  };
  const child = spawn(process.execPath, [join(root, 'apps', name, 'dist', 'main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const service: RunningService = {
    name,
    url,
    env,
    process: child,
    database: options.database ?? db?.name,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const result = await exited;
      await db?.drop();
      return result;
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await db?.drop();
      throw new Error(`${name} exited with code ${child.exitCode} before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.status === 200) return service;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await service.stop();
  throw new Error(`${name} not ready within the timeout (last: ${last}):\n${output}`);
}
