/**
 * Schema compatibility of published message types.
 *
 * Rule: within one major version (`….v1`) the `data` schema of a message may only gain OPTIONAL
 * properties, at any nesting level of objects. Anything else that changes what validates — a removed
 * property, a new required property, a property becoming (or ceasing to be) required, a changed type,
 * enum, const, format, minimum/maximum, length, pattern, items, additionalProperties… — is breaking and
 * needs a new message type with the next major (`….v2`), published alongside the old one until no
 * consumer needs it any more. Why so strict, in both directions:
 *  - Kafka topics are replayed: a new consumer (or one rewound after an incident) reads events that were
 *    produced under the old schema, so new schemas must still accept old messages;
 *  - services deploy independently: a consumer still running the old contract reads messages produced
 *    under the new one, so old schemas must still accept new messages.
 * Adding an optional property satisfies both (old messages simply lack it; old consumers ignore it),
 * unless the published schema forbids additional properties, which is reported too.
 *
 * Published schemas are recorded in `libs/contracts/schemas.lock.json` (type → data schema). A type in
 * the lock but missing from MESSAGES is a removed published message and is reported; to retire a type
 * deliberately (no producer, no consumer, topic retention expired), delete its lock entry in the same
 * change. Types not yet in the lock are new and fine; `npm run contracts:asyncapi` records them.
 *
 * Annotations (title, description, examples, default, $comment…) never affect validation and may change.
 */

/** A JSON Schema as stored in the lock: an object schema or a boolean schema. */
export type JsonSchemaNode = boolean | { readonly [keyword: string]: unknown };

/** What the check needs of a message definition (a `MessageDefinition` is one). */
export interface PublishedContract {
  readonly type: string;
  readonly schema: object;
}

/** The published `data` schemas, by message type. */
export type SchemaLock = Readonly<Record<string, JsonSchemaNode>>;

const ANNOTATIONS = new Set([
  'title',
  'description',
  '$comment',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
/** Keywords whose value is one subschema. */
const SUBSCHEMA = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
]);
/** Keywords whose value is a list of subschemas (`items` too, in its tuple form). */
const SUBSCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf', 'items']);
/** Keywords whose value maps names to subschemas (`properties` is handled on its own). */
const SUBSCHEMA_MAP = new Set(['patternProperties', 'definitions', '$defs', 'dependencies']);
/** Keywords whose value is a set: order carries no meaning. */
const SET_VALUED = new Set(['type', 'enum', 'required']);

/**
 * Breaking differences between a published schema and the current one, as human-readable lines with a
 * path rooted at `data`, e.g. `data.amountCentavos: type changed from integer to string`. Empty when the
 * current schema only adds optional properties (or changes annotations).
 */
export function compareSchemas(published: JsonSchemaNode, current: JsonSchemaNode, root = 'data'): string[] {
  const problems: string[] = [];
  compareNode(published, current, root, problems);
  return problems;
}

/** Checks every published type of the lock against the current message definitions. */
export function checkContracts(lock: SchemaLock, messages: readonly PublishedContract[]): string[] {
  const current = new Map(messages.map((m) => [m.type, m.schema as JsonSchemaNode]));
  const problems: string[] = [];
  for (const type of Object.keys(lock).sort()) {
    const schema = current.get(type);
    if (schema === undefined) {
      problems.push(
        `${type}: published message type was removed (consumers and replayed topics still rely on it)`,
      );
      continue;
    }
    for (const problem of compareSchemas(lock[type], schema)) problems.push(`${type}: ${problem}`);
  }
  return problems;
}

/** The lock to record for the current messages: type → data schema, sorted by type, as plain JSON. */
export function buildSchemaLock(messages: readonly PublishedContract[]): SchemaLock {
  const sorted = [...messages].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  return Object.fromEntries(
    sorted.map((m) => [m.type, JSON.parse(JSON.stringify(m.schema)) as JsonSchemaNode]),
  );
}

type SchemaObject = { readonly [keyword: string]: unknown };

const isSchemaObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isSchema = (value: unknown): value is JsonSchemaNode =>
  typeof value === 'boolean' || isSchemaObject(value);

function compareNode(published: unknown, current: unknown, path: string, problems: string[]): void {
  if (!isSchemaObject(published) || !isSchemaObject(current)) {
    if (!sameValue(published, current)) {
      problems.push(`${path}: schema changed from ${show(published)} to ${show(current)}`);
    }
    return;
  }
  compareProperties(published, current, path, problems);
  const keywords = new Set([...Object.keys(published), ...Object.keys(current)]);
  for (const keyword of keywords) {
    if (keyword === 'properties' || keyword === 'required' || ANNOTATIONS.has(keyword)) continue;
    compareKeyword(keyword, published, current, path, problems);
  }
}

function compareProperties(published: SchemaObject, current: SchemaObject, path: string, problems: string[]) {
  const before = propertiesOf(published);
  const after = propertiesOf(current);
  const requiredBefore = new Set(requiredOf(published));
  const requiredAfter = new Set(requiredOf(current));
  for (const [name, schema] of Object.entries(before)) {
    if (!Object.hasOwn(after, name)) problems.push(`${child(path, name)}: property removed`);
    else compareNode(schema, after[name], child(path, name), problems);
  }
  for (const name of Object.keys(after)) {
    if (Object.hasOwn(before, name)) continue;
    if (requiredAfter.has(name)) problems.push(`${child(path, name)}: new required property`);
    else if (published.additionalProperties === false) {
      problems.push(
        `${child(path, name)}: new property, but the published schema forbids additional properties`,
      );
    }
  }
  for (const name of requiredBefore) {
    const removed = Object.hasOwn(before, name) && !Object.hasOwn(after, name);
    if (!requiredAfter.has(name) && !removed) problems.push(`${child(path, name)}: no longer required`);
  }
  for (const name of requiredAfter) {
    const added = Object.hasOwn(after, name) && !Object.hasOwn(before, name);
    if (!requiredBefore.has(name) && !added) problems.push(`${child(path, name)}: became required`);
  }
}

function compareKeyword(
  keyword: string,
  published: SchemaObject,
  current: SchemaObject,
  path: string,
  problems: string[],
): void {
  // `type: 'string'` and `type: ['string']` mean the same.
  const asList = (v: unknown) => (keyword === 'type' && typeof v === 'string' ? [v] : v);
  const was = asList(published[keyword]);
  const now = asList(current[keyword]);
  if (!Object.hasOwn(current, keyword)) {
    problems.push(`${path}: ${keyword} removed (was ${show(was)})`);
  } else if (!Object.hasOwn(published, keyword)) {
    problems.push(`${path}: ${keyword} added (${show(now)})`);
  } else if (SET_VALUED.has(keyword) && Array.isArray(was) && Array.isArray(now)) {
    compareSets(keyword, was, now, path, problems);
  } else if (sameValue(was, now)) {
    return;
  } else if (SUBSCHEMA.has(keyword) && isSchema(was) && isSchema(now)) {
    compareNode(was, now, keyword === 'items' ? `${path}[]` : `${path}<${keyword}>`, problems);
  } else if (SUBSCHEMA_LIST.has(keyword) && Array.isArray(was) && Array.isArray(now)) {
    if (was.length !== now.length) {
      problems.push(`${path}: ${keyword} changed from ${was.length} to ${now.length} subschemas`);
    } else {
      was.forEach((schema, i) => compareNode(schema, now[i], `${path}<${keyword}[${i}]>`, problems));
    }
  } else if (SUBSCHEMA_MAP.has(keyword) && isSchemaObject(was) && isSchemaObject(now)) {
    for (const name of new Set([...Object.keys(was), ...Object.keys(now)])) {
      const at = `${path}<${keyword}.${name}>`;
      if (!Object.hasOwn(now, name)) problems.push(`${at}: removed`);
      else if (!Object.hasOwn(was, name)) problems.push(`${at}: added`);
      else compareNode(was[name], now[name], at, problems);
    }
  } else {
    problems.push(`${path}: ${keyword} changed from ${show(was)} to ${show(now)}`);
  }
}

function compareSets(keyword: string, was: unknown[], now: unknown[], path: string, problems: string[]) {
  const before = new Map(was.map((v) => [canonical(v), v]));
  const after = new Map(now.map((v) => [canonical(v), v]));
  const removed = [...before.keys()].filter((k) => !after.has(k)).map((k) => before.get(k));
  const added = [...after.keys()].filter((k) => !before.has(k)).map((k) => after.get(k));
  if (removed.length === 0 && added.length === 0) return;
  if (keyword === 'enum') {
    const verb = added.length === 0 ? 'narrowed' : removed.length === 0 ? 'widened' : 'changed';
    const parts = [
      ...(removed.length ? [`removed ${removed.map((v) => JSON.stringify(v)).join(', ')}`] : []),
      ...(added.length ? [`added ${added.map((v) => JSON.stringify(v)).join(', ')}`] : []),
    ];
    problems.push(`${path}: enum ${verb} (${parts.join('; ')})`);
  } else {
    const display = (list: unknown[]) => (list.length === 1 ? show(list[0]) : show(list));
    problems.push(`${path}: ${keyword} changed from ${display(was)} to ${display(now)}`);
  }
}

const propertiesOf = (schema: SchemaObject): Record<string, unknown> =>
  isSchemaObject(schema.properties) ? (schema.properties as Record<string, unknown>) : {};
const requiredOf = (schema: SchemaObject): string[] =>
  Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];

const child = (path: string, name: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;

/** Scalars as themselves (`integer`, `1`), everything else as JSON. */
const show = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);

/** JSON with object keys sorted, so key order never counts as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isSchemaObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
