import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The monorepo root, found from this file whether it runs from src (Jest) or dist. */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no nx.json above ${from}`);
    dir = up;
  }
  return dir;
}
