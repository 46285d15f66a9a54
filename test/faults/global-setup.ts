import { chmodSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { readScenarioRows, summaryTable } from '../support/fault-results.js';
import { assertPortsFree, devStack, killRecordedGroups, killStackServices } from '../support/faults-stack.js';

declare module 'vitest' {
  export interface ProvidedContext { faultsStackDir: string }
}

// The fault tier's global setup: its own stack in a private folder, brought up by dev/stack once for
// every scenario file, then stopped (by pid) and removed; the teardown prints the summary table.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await assertPortsFree();
  const stackDir = mkdtempSync(join(tmpdir(), 'tenure-faults-'));
  // Readable by the postgres user, so Postgres keeps its data inside this folder (see dev/stack pg_home).
  chmodSync(stackDir, 0o755);
  const lastResort = () => { killRecordedGroups(stackDir); killStackServices(stackDir); };
  process.once('exit', lastResort);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => { lastResort(); process.exit(130); });
  const started = Date.now();
  await devStack(stackDir, 'up');
  process.stdout.write(`fault tier: private stack up in ${Math.round((Date.now() - started) / 1000)}s (${stackDir})\n`);
  project.provide('faultsStackDir', stackDir);

  return async () => {
    const rows = readScenarioRows(stackDir);
    const table = summaryTable(rows);
    process.stdout.write(`\nfault tier summary\n${table}\n`);
    if (process.env.TENURE_FAULTS_SUMMARY_FILE) writeFileSync(process.env.TENURE_FAULTS_SUMMARY_FILE, `${table}\n`);
    for (const r of rows) for (const n of r.notes) process.stdout.write(`  ${r.id}: ${n}\n`);
    const leftovers = killRecordedGroups(stackDir);
    if (leftovers > 0) process.stdout.write(`fault tier: killed ${leftovers} app process group(s) a scenario left running\n`);
    await devStack(stackDir, 'stop').catch((err: unknown) => { process.stderr.write(`${String(err)}\n`); killStackServices(stackDir); });
    process.removeListener('exit', lastResort);
    if (process.env.TENURE_FAULTS_KEEP !== '1') {
      let pgHome: string | null = null;
      try { pgHome = readlinkSync(join(stackDir, 'postgres')); } catch { /* data inside the folder */ }
      if (pgHome) rmSync(pgHome, { recursive: true, force: true });
      rmSync(stackDir, { recursive: true, force: true });
    } else process.stdout.write(`fault tier: kept ${stackDir} (TENURE_FAULTS_KEEP=1)\n`);
  };
}
