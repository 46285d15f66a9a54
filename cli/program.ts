import { Command, CommanderError, Help, Option } from 'commander';
import { UsageError, type CommandSpec, type OptionSpec, type ParsedInput } from './command.js';

// The command tree on commander: every CommandSpec becomes a leaf under its path (`tenants trial
// extend`), groups list every command beneath them, and commander parses options and arguments
// strictly. Parsing errors become UsageErrors that name the command, so every command reports a
// mistake the same way (exit code 2 and a pointer to its --help).

export const CLI_BANNER = 'tenure - the Tenure operator CLI (config from the same environment variables as the API; see README)';

export interface ProgramOutput { out(text: string): void }

/** What one parse decided: run a command with its input, or nothing more to do (help was shown). */
export type ParseOutcome = { kind: 'run'; spec: CommandSpec; input: ParsedInput } | { kind: 'help' };

/** The help listing of a group (`tenure tenants`) or of everything (the empty prefix). */
export function groupHelp(specs: readonly CommandSpec[], prefix: readonly string[]): string {
  const within = specs.filter((c) => prefix.every((p, i) => c.path[i] === p));
  const rows = within.map((c) => [`tenure ${c.path.join(' ')}${(c.args ?? []).map((a) => ` <${a}>`).join('')}`, c.summary] as const);
  const width = Math.max(...rows.map(([u]) => u.length));
  return [
    CLI_BANNER, '',
    'Commands:', ...rows.map(([u, s]) => `  ${u.padEnd(width)}  ${s}`), '',
    "Run 'tenure <command> --help' for a command's options, 'tenure completion bash' for shell completion.",
    'Exit codes: 0 ok, 1 failed, 2 usage error.', '',
  ].join('\n');
}

// A placeholder ending in '...' (`<in_...>`) would make commander read the option as variadic (a list).
const placeholder = (o: OptionSpec) => (o.value ?? 'value').replace(/\.\.\.$/, '…');
const optionFlags = (name: string, o: OptionSpec) => `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` <${placeholder(o)}>` : ''}`;
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

function toOption(name: string, o: OptionSpec): Option {
  const option = new Option(optionFlags(name, o), `${o.description}${o.multiple ? ' (repeatable)' : ''}`);
  return o.multiple ? option.argParser(collect) : option;
}

function leafUsage(spec: CommandSpec): string {
  return [...(spec.args ?? []).map((a) => `<${a}>`), ...(spec.optionalArgs ?? []).map((a) => `[<${a}>]`), '[options]'].join(' ');
}

/** The input a leaf's run gets: option values by their spec names (not commander's camelCase). */
function inputOf(spec: CommandSpec, cmd: Command): ParsedInput {
  const values: ParsedInput['values'] = {};
  for (const option of cmd.options) {
    const name = option.long?.replace(/^--/, '');
    if (name && name !== 'help' && spec.options?.[name]) values[name] = cmd.getOptionValue(option.attributeName()) as ParsedInput['values'][string];
  }
  return { values, positionals: cmd.args };
}

function groupOf(root: Command, path: readonly string[]): Command {
  let node = root;
  for (const name of path) {
    node = node.commands.find((c) => c.name() === name) ?? node.command(name).description(`the ${path.slice(0, path.indexOf(name) + 1).join(' ')} commands`);
  }
  return node;
}

function addLeaf(root: Command, spec: CommandSpec, chosen: { outcome?: ParseOutcome }): void {
  const leaf = groupOf(root, spec.path.slice(0, -1)).command(spec.path.at(-1)!).description(spec.summary).usage(leafUsage(spec));
  for (const a of spec.args ?? []) leaf.argument(`<${a}>`);
  for (const a of spec.optionalArgs ?? []) leaf.argument(`[${a}]`);
  for (const [name, o] of Object.entries(spec.options ?? {})) leaf.addOption(toOption(name, o));
  if (spec.details) leaf.addHelpText('after', `\n${spec.details.trim()}\n`);
  leaf.action(() => { chosen.outcome = { kind: 'run', spec, input: inputOf(spec, leaf) }; });
}

/** The commander tree of `specs`, writing help to `output`; errors are thrown, never printed. */
function buildProgram(specs: readonly CommandSpec[], output: ProgramOutput, chosen: { outcome?: ParseOutcome }): Command {
  const root = new Command('tenure').exitOverride().configureOutput({ writeOut: (s) => output.out(s), writeErr: () => {}, outputError: () => {} });
  root.configureHelp({
    formatHelp: (cmd, helper) => (cmd.commands.length > 0 ? groupHelp(specs, pathOf(cmd)) : Help.prototype.formatHelp.call(helper, cmd, helper)),
  });
  for (const spec of specs) addLeaf(root, spec, chosen);
  return root;
}

function pathOf(cmd: Command): string[] {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names;
}

/** The deepest known command path that argv starts with ([] when not even a group matches). */
export function knownPath(specs: readonly CommandSpec[], argv: readonly string[]): string[] {
  let depth = 0;
  while (depth < argv.length && specs.some((c) => c.path.length > depth && c.path.slice(0, depth + 1).every((p, i) => p === argv[i]))) depth++;
  return argv.slice(0, depth) as string[];
}

function groupOutcome(specs: readonly CommandSpec[], path: string[], rest: readonly string[], output: ProgramOutput): ParseOutcome {
  const word = rest.find((a) => !a.startsWith('-'));
  if (word !== undefined) throw new UsageError(`unknown command '${[...path, ...rest].join(' ')}'`);
  const wantsHelp = rest.length === 0 || rest.includes('--help') || rest.includes('-h');
  if (!wantsHelp) throw new UsageError(`unknown option '${rest[0]}'`, path);
  output.out(groupHelp(specs, path));
  return { kind: 'help' };
}

/** Parses argv against the command tree: the command to run, or help shown. Usage mistakes throw UsageError. */
export async function parseCommandLine(specs: readonly CommandSpec[], commandLine: readonly string[], output: ProgramOutput): Promise<ParseOutcome> {
  // `tenure help tenants list` is `tenure tenants list --help`.
  const argv = commandLine[0] === 'help' ? [...commandLine.slice(1), '--help'] : commandLine;
  const path = knownPath(specs, argv);
  const isLeaf = specs.some((c) => c.path.length === path.length && c.path.every((p, i) => p === path[i]));
  const rest = argv.slice(path.length);
  if (!isLeaf) return groupOutcome(specs, path, rest, output);
  const chosen: { outcome?: ParseOutcome } = {};
  try {
    await buildProgram(specs, output, chosen).parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError && err.code === 'commander.helpDisplayed') return { kind: 'help' };
    if (err instanceof CommanderError) throw new UsageError(err.message.replace(/^error: /, ''), path);
    throw err;
  }
  return chosen.outcome ?? { kind: 'help' };
}
