import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Document } from 'yaml';
import { buildAsyncApiDocument, type AsyncApiDocument } from './asyncapi';
import { buildSchemaLock, checkContracts, type SchemaLock } from './compatibility';
import { MESSAGES, type MessageDefinition } from '@sportclub/contracts';

/**
 * The generated contract artifacts (docs/asyncapi.yaml and the schema lock) and how they are rendered.
 * Used by the CLI and by the tests. It reads files and needs `yaml`, which is why it lives in this
 * design-time project rather than in the contracts services load.
 */

/** Paths relative to the repository root. */
export const ASYNCAPI_FILE = 'docs/asyncapi.yaml';
export const SCHEMA_LOCK_FILE = 'libs/contracts/schemas.lock.json';
export const REGENERATE_HINT = 'run npm run contracts:asyncapi';

const ASYNCAPI_HEADER = [
  ' Generated from libs/contracts by `npm run contracts:asyncapi`; do not edit by hand.',
  ' `npm run contracts:check` (part of npm test) fails when this file is out of date.',
].join('\n');

export function renderAsyncApi(doc: AsyncApiDocument): string {
  const yaml = new Document(doc, { aliasDuplicateObjects: false });
  yaml.commentBefore = ASYNCAPI_HEADER;
  return yaml.toString({ lineWidth: 0, singleQuote: true });
}

export function renderSchemaLock(lock: SchemaLock): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}

/** The directory holding nx.json, walking up from `start`. */
export function findRepoRoot(start: string = __dirname): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no nx.json above ${start}`);
  }
}

export interface ArtifactState {
  path: string;
  expected: string;
  /** `undefined` when the file does not exist. */
  actual: string | undefined;
}

export interface ContractsState {
  /** Breaking changes of the current messages against the committed lock. */
  breaking: string[];
  /** What `asyncapi` would write, next to what is on disk. */
  artifacts: ArtifactState[];
}

/** Reads the committed lock and artifacts and compares them with what the contracts produce now. */
export function contractsState(
  root: string = findRepoRoot(),
  messages: readonly MessageDefinition[] = MESSAGES,
): ContractsState {
  const read = (path: string) =>
    existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined;
  const lockText = read(SCHEMA_LOCK_FILE);
  const lock = lockText === undefined ? {} : (JSON.parse(lockText) as SchemaLock);
  return {
    breaking: checkContracts(lock, messages),
    artifacts: [
      {
        path: ASYNCAPI_FILE,
        expected: renderAsyncApi(buildAsyncApiDocument({ messages })),
        actual: read(ASYNCAPI_FILE),
      },
      { path: SCHEMA_LOCK_FILE, expected: renderSchemaLock(buildSchemaLock(messages)), actual: lockText },
    ],
  };
}

/** The lines `check` prints and fails on; empty when everything is up to date. */
export function checkProblems(state: ContractsState): string[] {
  const problems = state.breaking.map((b) => `breaking change: ${b}`);
  for (const artifact of state.artifacts) {
    if (artifact.actual === undefined) problems.push(`${artifact.path} is missing: ${REGENERATE_HINT}`);
    else if (artifact.actual !== artifact.expected)
      problems.push(`${artifact.path} is out of date: ${REGENERATE_HINT}`);
  }
  return problems;
}
