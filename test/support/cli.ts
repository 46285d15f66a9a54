import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../cli/run-cli.js';

const BIN = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs the real `tenure` CLI (cli/bin.mjs) as a process, with extra env and optional stdin text. */
export function runTenure(args: string[], opts: { env?: Record<string, string>; stdin?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** The environment that points the CLI at a test stack's database and task queue. */
export function cliEnv(config: { db: { url: string }; temporal: { taskQueue: string; address: string } }, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: config.db.url, TEMPORAL_TASK_QUEUE: config.temporal.taskQueue, TEMPORAL_ADDRESS: config.temporal.address, ...extra };
}

/**
 * Runs the CLI in this process against an unreachable database and Temporal, for the unit tier: a
 * command that got past parsing fails with code 1, a usage error is code 2.
 */
export async function runCliOffline(argv: string[]): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d: Buffer) => out.push(d.toString()));
  stderr.on('data', (d: Buffer) => err.push(d.toString()));
  const stdin = new PassThrough();
  stdin.end();
  const code = await runCli(argv, { stdout, stderr, stdin }, { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none', TEMPORAL_ADDRESS: '127.0.0.1:1' });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
