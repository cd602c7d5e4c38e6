// Adds up the Jest JSON reports of every project and tier, prints a table, failures by name, and the
// closing line `tests: N passed, N failed` that CI reads. Exits 1 when a test failed or a suite broke.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const tiers = {};
const failures = [];
let broken = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const tier = file
    .replace(/\.json$/, '')
    .split('-')
    .pop();
  const t = (tiers[tier] ??= { passed: 0, failed: 0, skipped: 0, suites: 0 });
  t.passed += report.numPassedTests;
  t.failed += report.numFailedTests;
  t.skipped += report.numPendingTests + report.numTodoTests;
  t.suites += report.numTotalTestSuites;
  broken += report.numRuntimeErrorTestSuites;
  for (const suite of report.testResults) {
    if (suite.status === 'failed' && suite.assertionResults.length === 0)
      failures.push(`${suite.name}: ${suite.message.split('\n')[0]}`);
    for (const a of suite.assertionResults) if (a.status === 'failed') failures.push(`${a.fullName}`);
  }
}
const total = { passed: 0, failed: 0, skipped: 0 };
console.log(
  `\n  ${'tier'.padEnd(12)} ${'suites'.padStart(6)} ${'passed'.padStart(7)} ${'failed'.padStart(7)} ${'skipped'.padStart(8)}`,
);
for (const tier of ['unit', 'integration', 'e2e'].filter((t) => tiers[t])) {
  const t = tiers[tier];
  for (const k of Object.keys(total)) total[k] += t[k];
  console.log(
    `  ${tier.padEnd(12)} ${String(t.suites).padStart(6)} ${String(t.passed).padStart(7)} ${String(t.failed).padStart(7)} ${String(t.skipped).padStart(8)}`,
  );
}
for (const f of failures) console.log(`  ✗ ${f}`);
console.log(
  `tests: ${total.passed} passed, ${total.failed + broken} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(total.failed + broken > 0 || total.passed === 0 ? 1 : 0);
