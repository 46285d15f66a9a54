import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning, runBash } from '../../support/dev-scripts.js';

// Issue 10, item 4: when `npm start` (dev/start) stops, on Ctrl-C or because one process failed, it
// stopped the `npx` wrappers of the API and the worker, and the node processes under them kept
// running. dev/start starts and stops its processes with start_child/stop_children from dev/lib.sh; here
// the child is a wrapper that, like npx, exits on TERM and leaves its own child process behind.
const dir = mkdtempSync(join(tmpdir(), 'tenure-children-'));
let grandchild = 0;

afterAll(() => {
  if (grandchild && isRunning(grandchild)) process.kill(grandchild, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('dev/start stopping its processes', () => {
  it('stops the whole process tree of each child, not only the wrapper', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    const script = [
      'source dev/lib.sh',
      `start_child bash -c 'sleep 300 >/dev/null 2>&1 & echo $! >"$0"; wait' "${pidFile}"`,
      `for _ in $(seq 1 100); do [ -s "${pidFile}" ] && break; sleep 0.1; done`,
      'stop_children',
      `cat "${pidFile}"`,
    ].join('\n');
    const res = await runBash(['-c', script], { TENURE_STACK_DIR: join(dir, '.stack') });
    expect(res.code).toBe(0);
    grandchild = Number(res.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    expect(isRunning(grandchild)).toBe(false);
  });
});
