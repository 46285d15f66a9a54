import type { CliContext, CliStreams } from './context.js';
import { UsageError } from './command.js';

// Terminal input and output for the CLI: tables, JSON, and passwords that never touch argv.

/** Prints a value as indented JSON (dates become ISO strings). */
export function printJson(ctx: Pick<CliContext, 'out'>, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}

/** Renders rows as an aligned plain-text table. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** `2026-01-02T03:04:05.000Z` → `2026-01-02 03:04Z`; empty for null. */
export function shortDate(d: Date | number | string | null | undefined): string {
  if (d === null || d === undefined) return '';
  const iso = new Date(d).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

/** Reads a stream (stdin) to its end, as UTF-8 text. */
export async function readAll(stdin: CliStreams['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads one line from a TTY without echoing it (raw mode); Ctrl-C aborts, Ctrl-D ends the line. */
function promptHidden(streams: CliStreams, prompt: string): Promise<string> {
  const { stdin, stderr } = streams;
  stderr.write(prompt);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (fn: () => void) => { stdin.setRawMode?.(false); stdin.pause(); stdin.off('data', onData); stderr.write('\n'); fn(); };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\u0003') return done(() => reject(new UsageError('cancelled')));
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(() => resolve(value));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * The admin's password: from stdin with --password-stdin (first line, for scripts: `printf '%s' "$PW" |`),
 * else from a no-echo prompt on a terminal. Never from a flag, so it cannot land in shell history.
 */
export async function readPassword(streams: CliStreams, opts: { fromStdin: boolean; prompt: string; confirm?: boolean; path: string[] }): Promise<string> {
  if (opts.fromStdin) {
    const text = (await readAll(streams.stdin)).split(/\r?\n/)[0] ?? '';
    if (text === '') throw new UsageError('--password-stdin: nothing was read from stdin', opts.path);
    return text;
  }
  if (!streams.stdin.isTTY || !streams.stdin.setRawMode) {
    throw new UsageError('a password is needed: pipe it with --password-stdin, or run in a terminal to be prompted', opts.path);
  }
  const password = await promptHidden(streams, opts.prompt);
  if (opts.confirm && (await promptHidden(streams, 'Repeat the password: ')) !== password) throw new UsageError('the passwords do not match', opts.path);
  return password;
}
