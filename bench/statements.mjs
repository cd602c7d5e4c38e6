// SQL statements per saga, from PostgreSQL's own log (`--count-statements` of the checkin suite): every
// statement is logged (log_min_duration_statement = 0, set with ALTER SYSTEM and reset afterwards) while
// the capacity run goes, and the log lines of that window are counted by role and database. Logging
// every statement slows the run: take its rates from a run without the option.
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The server log: $PG_LOG_FILE, else the newest file of Debian's /var/log/postgresql. */
function serverLog() {
  if (process.env.PG_LOG_FILE) return process.env.PG_LOG_FILE;
  const dir = '/var/log/postgresql';
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => join(dir, f));
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

function readFrom(file, offset) {
  const size = statSync(file).size;
  const buffer = Buffer.alloc(Math.max(0, size - offset));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

/**
 * Runs `work` with every statement logged; returns, per `role@database` of `databases`, the statements
 * and the most frequent ones (literals and whitespace folded), both per `sagas`.
 */
export async function countStatements(admin, databases, sagas, work) {
  const file = serverLog();
  const start = statSync(file).size; // throws when the log cannot be read: say so rather than guess
  await admin.query('ALTER SYSTEM SET log_min_duration_statement = 0');
  await admin.query('SELECT pg_reload_conf()');
  try {
    await work();
  } finally {
    await admin.query('ALTER SYSTEM RESET log_min_duration_statement');
    await admin.query('SELECT pg_reload_conf()');
  }
  const counts = new Map();
  for (const line of readFrom(file, start).split('\n')) {
    const m =
      /^\S+ \S+ \S+ \[\d+\] (\S*)@(\S*) LOG: {2}duration: [\d.]+ ms {2}(statement|execute [^:]*): (.*)$/.exec(
        line,
      );
    if (!m || !databases.includes(m[2])) continue;
    const who = `${m[1]}@${m[2]}`;
    const text = m[4]
      .replace(/'[^']*'/g, "'?'")
      .replace(/\s+/g, ' ')
      .slice(0, 90);
    const entry = counts.get(who) ?? { total: 0, texts: new Map() };
    entry.total++;
    entry.texts.set(text, (entry.texts.get(text) ?? 0) + 1);
    counts.set(who, entry);
  }
  return [...counts].map(([who, { total, texts }]) => ({
    who,
    perSaga: total / sagas,
    top: [...texts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([text, n]) => ({ text, perSaga: n / sagas })),
  }));
}
