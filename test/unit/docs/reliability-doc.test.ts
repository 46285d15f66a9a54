import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAULT_SCENARIOS, summaryTable } from '../../support/fault-results.js';

// docs/reliability.md carries the fault tier's summary table: the same columns and the same
// scenarios, in the same order, as the table the tier prints; and a section for each scenario.
const doc = readFileSync(new URL('../../../docs/reliability.md', import.meta.url), 'utf8');
const table = doc.slice(doc.indexOf('<!-- fault-summary:start -->'), doc.indexOf('<!-- fault-summary:end -->')).split('\n').filter((l) => l.startsWith('|'));

describe('docs/reliability.md', () => {
  it('has the summary table in the shape the fault tier prints, one row per scenario', () => {
    const printed = summaryTable([]).split('\n');
    expect(table[0]).toBe(printed[0]);
    const rows = table.slice(2, -1).map((l) => l.split('|')[1]!.trim());
    expect(rows).toEqual(FAULT_SCENARIOS.map((s) => s.title));
    expect(table.at(-1)).toMatch(/^\| \*\*total\*\* \|/);
  });

  it('says, for every scenario, what it proves and what it does not', () => {
    for (const s of FAULT_SCENARIOS) {
      const at = doc.indexOf(`### ${s.title}\n`);
      expect(at, s.title).toBeGreaterThan(0);
      const section = doc.slice(at, doc.indexOf('\n### ', at + 1) === -1 ? undefined : doc.indexOf('\n### ', at + 1));
      expect(section, s.title).toMatch(/Proves/);
      expect(section, s.title).toMatch(/Does not prove/);
    }
  });
});
