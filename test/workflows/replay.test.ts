import { readdirSync, readFileSync } from 'node:fs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundleWorkflows } from '../../workers/create-worker.js';
import { HISTORIES_DIR, quietRuntime, startArgsOf } from '../support/time-skipping.js';

/** Recorded before entitlements: their plan snapshots carry `limits`, so their replay proves the state upgrade. */
const BEFORE_ENTITLEMENTS = [
  'admin-lock-auto-unlock', 'dunning-ladder', 'permanent-failure-repair', 'rollover-sync-before-reset',
  'signal-across-continue-as-new', 'three-monthly-resets', 'trial-expires-to-free',
];
/** Recorded with entitlements: an override set through the admin update and expired by the workflow's timer; accounts closed (issue 17). */
const WITH_ENTITLEMENTS = ['override-expires', 'close-at-period-end', 'close-now'];

// Histories recorded by the scenario tests, replayed against the current workflow code: a change
// that would break a running workflow (non-determinism) fails here, before it is deployed.
describe('replay of recorded histories', () => {
  it('replays every stored history without non-determinism', async () => {
    quietRuntime();
    const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual([...BEFORE_ENTITLEMENTS, ...WITH_ENTITLEMENTS].sort().map((name) => `${name}.json`));
    for (const name of BEFORE_ENTITLEMENTS) expect(JSON.stringify(startArgsOf(`${name}.json`)), name).toContain('"limits":');
    for (const name of WITH_ENTITLEMENTS) expect(JSON.stringify(startArgsOf(`${name}.json`)), name).not.toContain('"limits":');
    const histories = files.map((f) => ({ workflowId: f.replace('.json', ''), history: historyFromJSON(JSON.parse(readFileSync(`${HISTORIES_DIR}/${f}`, 'utf8'))) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await bundleWorkflows(), replayName: 'tenure-replay' }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
