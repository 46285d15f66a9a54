// Dispatches one tenure CLI invocation to its command and maps errors to messages and exit codes.
import { ConfigError } from '../config/config.js';
import { TenureError } from '../domain/errors.js';
import { UsageError, commandHelp, parseCommandArgs, type CommandSpec } from './command.js';
import { COMMANDS } from './commands/index.js';
import { createCliContext, type CliStreams } from './context.js';

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function findCommand(argv: string[]): { spec: CommandSpec; rest: string[] } | null {
  const matches = COMMANDS.filter((c) => c.path.every((p, i) => argv[i] === p));
  const spec = matches.sort((a, b) => b.path.length - a.path.length)[0];
  return spec ? { spec, rest: argv.slice(spec.path.length) } : null;
}

/** Help for a group (`tenure tenants`) or for everything (`tenure --help`). */
function groupHelp(prefix: string[]): string | null {
  const specs = COMMANDS.filter((c) => prefix.every((p, i) => c.path[i] === p));
  if (specs.length === 0) return null;
  const rows = specs.map((c) => [`tenure ${c.path.join(' ')}${(c.args ?? []).map((a) => ` <${a}>`).join('')}`, c.summary] as const);
  const width = Math.max(...rows.map(([u]) => u.length));
  return [
    'tenure - the Tenure operator CLI (config from the same environment variables as the API; see README)', '',
    'Commands:', ...rows.map(([u, s]) => `  ${u.padEnd(width)}  ${s}`), '',
    "Run 'tenure <command> --help' for a command's options. Exit codes: 0 ok, 1 failed, 2 usage error.", '',
  ].join('\n');
}

function reportError(streams: CliStreams, err: unknown): number {
  const write = (s: string) => void streams.stderr.write(`${s}\n`);
  if (err instanceof UsageError) {
    write(`tenure: ${err.message}`);
    write(`Run 'tenure ${err.path.length ? `${err.path.join(' ')} ` : ''}--help' for usage.`);
    return EXIT.usage;
  }
  if (err instanceof ConfigError) { write(err.message); return EXIT.usage; }
  if (err instanceof TenureError) {
    write(`error: ${err.code}: ${err.message}`);
    if (err.details) write(`details: ${JSON.stringify(err.details)}`);
    return EXIT.failed;
  }
  write(`error: ${err instanceof Error ? err.message : String(err)}`);
  return EXIT.failed;
}

/** Runs one CLI invocation and returns its exit code; streams and env are injectable for tests. */
export async function runCli(argv: string[], streams: CliStreams, env?: Record<string, string | undefined>): Promise<number> {
  const found = findCommand(argv);
  if (!found) {
    const prefix = argv.filter((a) => !a.startsWith('-'));
    const help = groupHelp(prefix);
    const wantsHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h') || (help !== null && prefix.length === argv.length);
    if (help && wantsHelp) { streams.stdout.write(help); return argv.length === 0 ? EXIT.usage : EXIT.ok; }
    return reportError(streams, new UsageError(`unknown command '${argv.join(' ')}'`));
  }
  let ctx;
  try {
    const input = parseCommandArgs(found.spec, found.rest);
    if (input.help) { streams.stdout.write(commandHelp(found.spec)); return EXIT.ok; }
    ctx = createCliContext(streams, env);
    return (await found.spec.run(ctx, input)) ?? EXIT.ok;
  } catch (err) {
    return reportError(streams, err);
  } finally {
    await ctx?.close();
  }
}
