import { request } from 'node:http';
import { connect } from 'node:net';
import { start, type Child, type TenureProcessName } from './processes.js';
import { eventually } from './wait.js';

// The shutdown tests' view of Tenure's processes and of an HTTP caller: each process started on its
// own (so one can get SIGTERM while the others run), how it exited, and requests whose fate is
// told exactly: answered with a status, or failed without an answer (refused, or reset unanswered).

export type Role = 'api' | 'worker' | 'consumer' | 'notifier';
const PROCESS: Record<Role, TenureProcessName> = { api: 'api', worker: 'worker', consumer: 'usage-consumer', notifier: 'notifier' };
/** The line each process logs once it serves (the API is probed on /healthz instead). */
const READY: Record<Role, string | null> = { api: null, worker: '"worker started"', consumer: '"usage consumer started"', notifier: '"notifier joined its group"' };

export interface Exit { code: number | null; signal: NodeJS.Signals | null }

export interface TenureProcess {
  role: Role;
  exited: Promise<Exit>;
  log(): string;
  /** Sends SIGTERM and resolves with how the process exited (SIGKILL after `killAfterMs`, so a hang fails the test, not the tier). */
  terminate(killAfterMs?: number): Promise<Exit>;
}

/** Starts one Tenure process and waits until it serves. */
export async function startProcess(role: Role, env: Record<string, string>, sink: string[]): Promise<TenureProcess> {
  const child: Child = start(PROCESS[role], false, env, sink);
  const exited = new Promise<Exit>((resolve) => child.process.once('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => { gone = true; });
  const log = () => child.output.join('');
  const proc: TenureProcess = {
    role, exited, log,
    async terminate(killAfterMs = 60_000) {
      if (!gone) child.process.kill('SIGTERM');
      const timer = setTimeout(() => child.process.kill('SIGKILL'), killAfterMs);
      try { return await exited; } finally { clearTimeout(timer); }
    },
  };
  await eventually(async () => {
    if (gone) throw new Error(`${role} exited during start-up:\n${log().slice(-4000)}`);
    if (role === 'api') return (await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).ok ? true : undefined;
    return log().includes(READY[role]!) ? true : undefined;
  }, `the ${role} serving`, 90_000, 200).catch(async (err: unknown) => { await proc.terminate(5_000); throw err; });
  return proc;
}

/** The last pino line with this message that the process logged, parsed. */
export function lastLogLine(proc: TenureProcess, msg: string): Record<string, unknown> {
  const line = proc.log().split('\n').filter((l) => l.includes(`"msg":"${msg}"`)).at(-1);
  if (!line) throw new Error(`the ${proc.role} never logged "${msg}":\n${proc.log().slice(-4000)}`);
  return JSON.parse(line) as Record<string, unknown>;
}

/** Answered (with its status and body), or failed with no answer at all: refused at connect, or reset. */
export type Outcome = { kind: 'answered'; status: number; body: string } | { kind: 'unanswered'; code: string; connected: boolean };

interface Call { port: number; method: string; path: string; headers: Record<string, string>; body?: string }

/**
 * One request on a connection of its own (no keep-alive). With `hold`, the headers go out with
 * `Expect: 100-continue` and the body waits for `send()`: `continued` resolves once the server has
 * answered 100 Continue, that is once it has read the request's head and routed it.
 */
export function callOnce(call: Call, hold = false): { continued: Promise<void>; send(): void; outcome: Promise<Outcome> } {
  const body = call.body ?? '';
  let connected = false;
  let markContinued = () => {};
  const continued = new Promise<void>((resolve) => { markContinued = resolve; });
  const req = request({
    host: '127.0.0.1', port: call.port, method: call.method, path: call.path, agent: false,
    headers: { ...call.headers, 'content-length': String(Buffer.byteLength(body)), ...(hold ? { expect: '100-continue' } : {}) },
  });
  req.on('socket', (socket) => socket.once('connect', () => { connected = true; }));
  req.on('continue', () => markContinued());
  const outcome = new Promise<Outcome>((resolve) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ kind: 'answered', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ kind: 'unanswered', code: err.code ?? err.message, connected }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ kind: 'unanswered', code: err.code ?? err.message, connected }));
  });
  if (hold) req.flushHeaders();
  else req.end(body);
  return { continued, send: () => { req.end(body); }, outcome };
}

/** Resolves once a new TCP connection to the port is refused: the listener is closed. */
export const listenerClosed = (port: number) => eventually(() => new Promise<true | undefined>((resolve) => {
  const socket = connect({ host: '127.0.0.1', port });
  socket.once('connect', () => { socket.destroy(); resolve(undefined); });
  socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED' ? true : undefined));
}), `port ${port} refusing connections`, 30_000, 20);

/**
 * `callers` loops, each sending `next()`'s request and then the next, until one gets no answer
 * (the server has closed); `outcomes` fills as they come, `done` resolves when every loop has stopped.
 */
export function loadUntilRefused(callers: number, next: () => Call): { outcomes: Outcome[]; done: Promise<Outcome[]> } {
  const outcomes: Outcome[] = [];
  const loop = async () => {
    for (;;) {
      const o = await callOnce(next()).outcome;
      outcomes.push(o);
      if (o.kind === 'unanswered') return;
    }
  };
  return { outcomes, done: Promise.all(Array.from({ length: callers }, loop)).then(() => outcomes) };
}
