import { readdirSync, readFileSync } from 'node:fs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundleWorkflows } from '../../workers/create-worker.js';
import { HISTORIES_DIR, quietRuntime } from '../support/time-skipping.js';

// Histories recorded by the scenario tests, replayed against the current workflow code: a change
// that would break a running workflow (non-determinism) fails here, before it is deployed.
describe('replay of recorded histories', () => {
  it('replays every stored history without non-determinism', async () => {
    quietRuntime();
    const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(5);
    const histories = files.map((f) => ({ workflowId: f.replace('.json', ''), history: historyFromJSON(JSON.parse(readFileSync(`${HISTORIES_DIR}/${f}`, 'utf8'))) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await bundleWorkflows(), replayName: 'tenure-replay' }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
