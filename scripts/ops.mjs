// Operator commands over the running platform's brokers.
//   npm run ops -- dlq list [--topic <dlt>]... [--service <name>]... [--json]
//   npm run ops -- dlq show <id>
//   npm run ops -- dlq replay <id> [<id>...]
// Without --topic/--service every registry dead-letter topic and every service's command DLQ is read.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { localInfraEnv } = require(join(root, 'libs/testing/dist/index.js'));
const { SERVICE_NAMES } = require(join(root, 'libs/contracts/dist/index.js'));
const { DeadLetterAdmin, KafkaConnection, RabbitConnection } = require(
  join(root, 'libs/messaging/dist/index.js'),
);

const usage = `usage: npm run ops -- dlq list [--topic <dlt>]... [--service <name>]... [--json]
       npm run ops -- dlq show <id> [--topic/--service as above]
       npm run ops -- dlq replay <id> [<id>...] [--topic/--service as above]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    topic: { type: 'string', multiple: true },
    service: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
  },
});
const [area, command, ...ids] = positionals;
if (
  area !== 'dlq' ||
  !['list', 'show', 'replay'].includes(command) ||
  (command !== 'list' && ids.length === 0)
) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}
const unknown = (values.service ?? []).filter((s) => !SERVICE_NAMES.includes(s));
if (unknown.length > 0 && !values.topic) {
  process.stderr.write(`unknown service(s): ${unknown.join(', ')} (known: ${SERVICE_NAMES.join(', ')})\n`);
  process.exit(2);
}

const env = localInfraEnv(root);
const kafka = new KafkaConnection({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'ops-cli' });
const rabbit = new RabbitConnection({ url: env.RABBITMQ_URL, connectionName: 'ops-cli' });
const scoped = values.topic || values.service;
const admin = new DeadLetterAdmin(kafka, rabbit, {
  deadLetterTopics: scoped ? (values.topic ?? []) : undefined,
  services: scoped ? (values.service ?? []) : SERVICE_NAMES.filter((s) => s !== 'partner-sandbox'),
});

const print = (text) => process.stdout.write(`${text}\n`);
let exitCode = 0;
try {
  await rabbit.connect();
  if (command === 'list') {
    const letters = await admin.list();
    if (values.json) print(JSON.stringify(letters, null, 2));
    else if (letters.length === 0) print('no dead letters');
    else {
      for (const l of letters) {
        print(
          `${l.id}\n    ${l.type ?? '(unknown type)'} from ${l.source}, ${l.consumer}, ${l.attempts} attempt(s) at ${l.failedAt}\n    ${l.reason}`,
        );
      }
      print(`${letters.length} dead letter(s)`);
    }
  } else if (command === 'show') {
    const letter = await admin.show(ids[0]);
    if (!letter) {
      process.stderr.write(`no dead letter ${ids[0]}\n`);
      exitCode = 1;
    } else {
      let body = letter.body;
      try {
        body = JSON.stringify(JSON.parse(body), null, 2);
      } catch {
        // shown as received
      }
      print(JSON.stringify({ ...letter, body: undefined }, null, 2));
      print(`body:\n${body}`);
    }
  } else {
    for (const r of await admin.replay(ids)) {
      print(r.replayed ? `replayed ${r.id}` : `not replayed ${r.id}: ${r.reason}`);
      if (!r.replayed) exitCode = 1;
    }
  }
} catch (error) {
  process.stderr.write(`ops: ${error.message}\n`);
  exitCode = 1;
} finally {
  await Promise.allSettled([kafka.close(), rabbit.close()]);
}
process.exit(exitCode);
