import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { completionScript } from '../../../cli/commands/completion.js';
import { COMMANDS } from '../../../cli/commands/index.js';
import { createProgress } from '../../../cli/lib/progress.js';
import { knownPath, parseCommandLine } from '../../../cli/program.js';
import { runCliOffline } from '../../support/cli.js';

// The command tree on commander: nested help, strict arguments, repeatable options, completion and progress.

const cli = (...argv: string[]) => runCliOffline(argv);
const quiet = { out: () => {} };

describe('the command tree', () => {
  it('shows a nested group with every command beneath it, and `help <command>` as --help', async () => {
    const group = await cli('tenants', 'trial', '--help');
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('tenure tenants trial extend <tenantId>');
    expect(group.stdout).not.toContain('tenure tenants list');
    const viaHelp = await cli('help', 'tenants', 'show');
    expect(viaHelp).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: tenure tenants show <tenantId> [options]') });
    expect((await cli('tenants', 'show', '--help')).stdout).toBe(viaHelp.stdout);
  });

  it('refuses extra arguments and an unknown option on a group, naming the command', async () => {
    const extra = await cli('tenants', 'show', 'acme', 'beta');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("too many arguments for 'show'");
    expect(extra.stderr).toContain("Run 'tenure tenants show --help'");
    expect(await cli('tenants', '--colour')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--colour'") });
  });

  it('gives a command its options by their spec names, a repeatable one as a list', async () => {
    const spec = COMMANDS.find((c) => c.path.join(' ') === 'tenants preview')!;
    const parsed = await parseCommandLine(COMMANDS, ['tenants', 'preview', 'acme', '--input', 'payment_failed', '--input', 'downgrade:starter@3d', '--json'], quiet);
    expect(parsed).toEqual({ kind: 'run', spec, input: { values: { input: ['payment_failed', 'downgrade:starter@3d'], json: true }, positionals: ['acme'] } });
    const dashed = await parseCommandLine(COMMANDS, ['backfill', '--dry-run'], quiet);
    expect(dashed.kind === 'run' && dashed.input.values).toEqual({ 'dry-run': true });
  });

  it('gives every command each of its string options as the one string given (a placeholder like <in_...> is no list)', async () => {
    for (const spec of COMMANDS) {
      for (const [name, option] of Object.entries(spec.options ?? {})) {
        if (option.type !== 'string') continue;
        const argv = [...spec.path, ...(spec.args ?? []).map(() => 'arg'), `--${name}`, 'given'];
        const parsed = await parseCommandLine(COMMANDS, argv, quiet);
        expect(parsed.kind === 'run' && parsed.input.values[name], `${spec.path.join(' ')} --${name}`).toEqual(option.multiple ? ['given'] : 'given');
      }
    }
  });

  it('resolves the deepest known path', () => {
    expect(knownPath(COMMANDS, ['tenants', 'trial', 'extend', 'acme'])).toEqual(['tenants', 'trial', 'extend']);
    expect(knownPath(COMMANDS, ['tenants', 'frobnicate'])).toEqual(['tenants']);
    expect(knownPath(COMMANDS, ['frobnicate'])).toEqual([]);
  });
});

describe('tenure completion', () => {
  it('prints a bash script that knows every command path and each command\'s options', async () => {
    const res = await cli('completion', 'bash');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(completionScript(COMMANDS, 'bash'));
    expect(res.stdout).toContain('complete -F _tenure tenure');
    expect(res.stdout).toContain('" tenants trial") words="extend" ;;');
    expect(res.stdout).toContain('" webhooks replay") words="--endpoint --since --json --help" ;;');
    expect(completionScript(COMMANDS, 'zsh')).toContain('bashcompinit');
    expect(await cli('completion', 'fish')).toMatchObject({ code: 2, stderr: expect.stringContaining("<shell> must be one of bash, zsh, got 'fish'") });
  });
});

describe('progress', () => {
  const capture = (isTTY: boolean) => {
    const stream = Object.assign(new PassThrough(), { isTTY, columns: 120 });
    const chunks: string[] = [];
    stream.on('data', (d: Buffer) => chunks.push(d.toString()));
    return { stream, text: () => chunks.join('') };
  };

  it('prints one plain line per batch when stderr is not a terminal', () => {
    const { stream, text } = capture(false);
    const progress = createProgress(stream, 'backfill', 3);
    progress.tick({ started: 1 });
    progress.tick({ started: 2 });
    progress.batch({ started: 2 });
    progress.tick({ started: 2, failed: 1 });
    progress.batch({ started: 2, failed: 1 });
    progress.finish();
    expect(text()).toBe('backfill: 2/3 (started 2)\nbackfill: 3/3 (started 2, failed 1)\n');
  });

  it('draws a bar on a terminal, ending at the total', () => {
    const { stream, text } = capture(true);
    const progress = createProgress(stream, 'reproject', 2);
    progress.tick({ reprojected: 1 });
    progress.tick({ reprojected: 2 });
    progress.finish();
    expect(text()).toContain('reproject [##############################] 2/2  reprojected 2');
  });
});
