// Prints one closing line over every tier's vitest JSON report: "N passed, N failed", after the fault tier's table.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, seconds] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
const failures = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  // A file that failed to load has no test results of its own: count it as one failure.
  const broken = (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  for (const f of r.testResults ?? []) {
    const where = f.name.replace(`${process.cwd()}/`, '');
    const tests = (f.assertionResults ?? []).filter((a) => a.status === 'failed');
    if (tests.length === 0 && f.status === 'failed') failures.push(`${where}: ${(f.message ?? 'failed to load').split('\n')[0]}`);
    for (const a of tests) failures.push(`${where} > ${a.fullName}: ${(a.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 200)}`);
  }
  passed += r.numPassedTests; failed += r.numFailedTests + broken; skipped += r.numPendingTests + r.numTodoTests;
  process.stdout.write(`    ${file.replace('.json', '').padEnd(12)} ${r.numPassedTests} passed, ${r.numFailedTests} failed\n`);
}
process.stdout.write(`    total time ${seconds}s\n`);
// The fault tier's summary table (test/faults/global-setup.ts), repeated so the run ends with it.
const faults = join(dir, 'faults-summary.md');
if (existsSync(faults)) process.stdout.write(`\nfault tier\n${readFileSync(faults, 'utf8')}\n`);
// The failed tests by name, so the tail of a long run says which ones.
if (failures.length) process.stdout.write(`failed tests\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
