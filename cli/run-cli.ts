// Dispatches one tenure CLI invocation to its command and maps errors to messages and exit codes.
import { ConfigError } from '../config/config.js';
import { TenureError } from '../domain/errors.js';
import { UsageError } from './command.js';
import { COMMANDS } from './commands/index.js';
import { createCliContext, type CliStreams } from './context.js';
import { parseCommandLine } from './program.js';

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

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
  let ctx;
  try {
    const parsed = await parseCommandLine(COMMANDS, argv, { out: (s) => void streams.stdout.write(s) });
    // `tenure` alone shows the commands, but is not a successful command.
    if (parsed.kind === 'help') return argv.length === 0 ? EXIT.usage : EXIT.ok;
    ctx = createCliContext(streams, env);
    return (await parsed.spec.run(ctx, parsed.input)) ?? EXIT.ok;
  } catch (err) {
    return reportError(streams, err);
  } finally {
    await ctx?.close();
  }
}
