// `npm run migrate`: applies every platform service's pending migrations to its own database (what a
// deploy step or init container does per service), using each service's build and local environment.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { localServiceEnv, localServices } = createRequire(import.meta.url)(
  join(root, 'libs/testing/dist/index.js'),
);

let failed = 0;
for (const [name, entry] of Object.entries(localServices(root))) {
  if (!entry.database) continue;
  const result = spawnSync(process.execPath, [join(root, 'apps', name, 'dist/main.js'), 'migrate'], {
    env: { ...process.env, ...localServiceEnv(root, name), OTEL_TRACES_EXPORTER: 'none' },
    encoding: 'utf8',
  });
  process.stdout.write(result.stdout);
  if (result.status !== 0) {
    failed++;
    process.stderr.write(`${name}: migrate failed\n${result.stderr}\n`);
  }
}
process.exit(failed ? 1 : 0);
