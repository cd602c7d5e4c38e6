import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkProblems, contractsState, findRepoRoot, SCHEMA_LOCK_FILE } from './contract-artifacts';

/**
 * Contract tooling (compiled to libs/contracts-tooling/dist/cli.js):
 *   asyncapi  writes docs/asyncapi.yaml and records the current schemas in the lock — refused when a
 *             change is breaking against the lock (see compatibility.ts for the rule)
 *   check     fails when a change is breaking or either file differs from what `asyncapi` would write
 * Run them as `npm run contracts:asyncapi` and `npm run contracts:check` (the latter is part of npm test).
 */

const BREAKING_HINT = [
  `Published message schemas may only gain optional properties within a major version.`,
  `Add a new message type with the next major (e.g. .v2) instead, and keep the old one while consumers need it.`,
  `(A type retired on purpose: delete its entry from ${SCHEMA_LOCK_FILE} in the same change.)`,
].join('\n');

function main(command: string | undefined): number {
  const root = findRepoRoot(__dirname);
  const state = contractsState(root);
  if (command === 'asyncapi') {
    if (state.breaking.length > 0) {
      console.error(`Refusing to update the contracts: breaking changes against ${SCHEMA_LOCK_FILE}:`);
      for (const b of state.breaking) console.error(`  - ${b}`);
      console.error(BREAKING_HINT);
      return 1;
    }
    for (const artifact of state.artifacts) {
      if (artifact.actual === artifact.expected) {
        console.log(`${artifact.path}: up to date`);
        continue;
      }
      mkdirSync(dirname(join(root, artifact.path)), { recursive: true });
      writeFileSync(join(root, artifact.path), artifact.expected);
      console.log(`${artifact.path}: written`);
    }
    return 0;
  }
  if (command === 'check') {
    const problems = checkProblems(state);
    if (problems.length === 0) {
      console.log('contracts: no breaking changes; docs/asyncapi.yaml and the schema lock are up to date');
      return 0;
    }
    console.error('contracts check failed:');
    for (const p of problems) console.error(`  - ${p}`);
    if (state.breaking.length > 0) console.error(BREAKING_HINT);
    return 1;
  }
  console.error('usage: node libs/contracts-tooling/dist/cli.js <asyncapi|check>');
  return 2;
}

process.exitCode = main(process.argv[2]);
