import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort } from './processes.js';

const SEARCH_ATTRIBUTES = ['TenantId=Keyword', 'BillingPlan=Keyword', 'PaymentStatus=Keyword', 'TenantStatus=Keyword', 'TrialEndsAt=Datetime', 'NeedsAttention=Keyword'];

export interface DevServer { address: string; start(): Promise<void>; stop(): Promise<void> }

/** A private Temporal dev server (the real one, from the `temporal` CLI) that a test may stop and restart. */
export async function privateDevServer(): Promise<DevServer> {
  const port = await freePort();
  const dbFile = join(mkdtempSync(join(tmpdir(), 'tenure-temporal-')), 'temporal.db');
  const address = `127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const server: DevServer = {
    address,
    async start() {
      const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--db-filename', dbFile, '--namespace', 'default', '--log-level', 'error', ...SEARCH_ATTRIBUTES.flatMap((sa) => ['--search-attribute', sa])];
      child = spawn('temporal', args, { stdio: 'ignore' });
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          const c = await Connection.connect({ address, connectTimeout: 1_000 });
          await c.workflowService.getSystemInfo({});
          await c.close();
          return;
        } catch {
          if (Date.now() > deadline || child.exitCode !== null) throw new Error(`private Temporal dev server did not start on ${address}`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => { running.once('exit', () => resolve()); running.kill('SIGTERM'); });
    },
  };
  await server.start();
  return server;
}
