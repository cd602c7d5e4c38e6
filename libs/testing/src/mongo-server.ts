import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { localInfraEnv } from './local-env';
import { freePort } from './service-process';
import { repoRoot } from './repo';

const run = promisify(execFile);

/**
 * MONGO_URL (deploy/local.env, the server scripts/infra/mongo.sh runs) with a fresh, uniquely named
 * database in place of its own, for one test file: drop it afterwards (`dropDatabase()`).
 */
export function scratchMongoUrl(prefix: string): string {
  const url = new URL(localInfraEnv(repoRoot()).MONGO_URL);
  url.pathname = `/${prefix}_t${randomBytes(4).toString('hex')}`.replace(/[^a-z0-9_/]/g, '_');
  return url.toString();
}

export interface PrivateMongoServer {
  /** mongodb://127.0.0.1:<port>/<database> */
  url: string;
  /** The instance's folder: its store (data/landing.mv), log and pid file. */
  dir: string;
  /** `mongo.sh up` again, on the same store (after stop or kill). */
  start(): Promise<void>;
  /** `mongo.sh down`: SIGTERM, the store closed cleanly. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash: nothing is closed. */
  kill(): Promise<void>;
  /** Stops it and deletes its folder. */
  remove(): Promise<void>;
}

/**
 * A private MongoDB-wire-compatible server for one test file, started by the project's own script on a
 * free port with a scratch folder, so a test may stop, crash and restart it without touching the shared one.
 */
export async function startMongoServer(database = 'test'): Promise<PrivateMongoServer> {
  const dir = await mkdtemp(join(tmpdir(), 'mongo-'));
  const url = `mongodb://127.0.0.1:${await freePort()}/${database}`;
  const script = (command: string) =>
    run('bash', [join(repoRoot(), 'scripts/infra/mongo.sh'), command], {
      env: { ...process.env, MONGO_URL: url, MONGO_DIR: dir },
    });
  const server: PrivateMongoServer = {
    url,
    dir,
    start: () => script('up').then(() => undefined),
    stop: () => script('down').then(() => undefined),
    kill: async () => {
      const pid = Number((await readFile(join(dir, 'mongo.pid'), 'utf8')).trim());
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`mongo server pid ${pid} still alive after SIGKILL`);
    },
    remove: async () => {
      await script('down');
      await rm(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
