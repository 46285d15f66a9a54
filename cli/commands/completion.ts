import { UsageError, type CommandSpec } from '../command.js';

// `tenure completion bash|zsh`: a shell completion script generated from the command tree, so it
// completes exactly the commands and options this version has. Nothing in it runs tenure.

const SHELLS = ['bash', 'zsh'] as const;

/** Every path prefix of the commands (`tenants`, `tenants trial`, `tenants trial extend`, ...). */
function prefixesOf(specs: readonly CommandSpec[]): string[][] {
  const seen = new Map<string, string[]>();
  for (const spec of specs) for (let n = 1; n <= spec.path.length; n++) seen.set(spec.path.slice(0, n).join(' '), spec.path.slice(0, n));
  return [...seen.values()];
}

/** What may follow a path: its subcommands, or a command's options. */
function wordsAfter(specs: readonly CommandSpec[], path: readonly string[]): string[] {
  const leaf = specs.find((s) => s.path.length === path.length && s.path.every((p, i) => p === path[i]));
  if (leaf) return [...Object.keys(leaf.options ?? {}).map((o) => `--${o}`), '--help'];
  const next = specs.filter((s) => s.path.length > path.length && path.every((p, i) => s.path[i] === p)).map((s) => s.path[path.length]!);
  return [...new Set(next)];
}

/** The bash completion function for `specs` (zsh runs it through bashcompinit). */
export function completionScript(specs: readonly CommandSpec[], shell: (typeof SHELLS)[number]): string {
  const prefixes = prefixesOf(specs);
  const known = prefixes.map((p) => `" ${p.join(' ')}"`).join('|');
  const leaves = specs.map((s) => `" ${s.path.join(' ')}"`).join('|');
  const cases = [[], ...prefixes].map((p) => `    "${p.length ? ` ${p.join(' ')}` : ''}") words="${wordsAfter(specs, p).join(' ')}" ;;`);
  return [
    `# tenure shell completion (${shell}); load it with: source <(tenure completion ${shell})`,
    ...(shell === 'zsh' ? ['autoload -U +X bashcompinit && bashcompinit'] : []),
    '_tenure() {',
    '  local cur=${COMP_WORDS[COMP_CWORD]} path="" words="" i',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case "$path ${COMP_WORDS[i]}" in',
    `      ${known}) path="$path \${COMP_WORDS[i]}" ;;`,
    // A word that is no command, below a group, leaves nothing to complete; below a command it is an argument.
    `      *) case "$path" in ${leaves}) ;; *) path=" ?" ;; esac ;;`,
    '    esac',
    '  done',
    '  case "$path" in',
    ...cases,
    '  esac',
    '  COMPREPLY=($(compgen -W "$words" -- "$cur"))',
    '}',
    'complete -F _tenure tenure',
    '',
  ].join('\n');
}

/** The `completion` command over the given command tree (its own spec included by the caller). */
export function completionCommand(specs: () => readonly CommandSpec[]): CommandSpec {
  return {
    path: ['completion'],
    summary: 'Print a shell completion script for tenure (bash or zsh).',
    args: ['shell'],
    details: `
Load it in the current shell with: source <(tenure completion bash)
or keep it: tenure completion bash > /etc/bash_completion.d/tenure`,
    async run(ctx, input) {
      const shell = input.positionals[0]!;
      if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`<shell> must be one of ${SHELLS.join(', ')}, got '${shell}'`, ['completion']);
      ctx.stdout.write(completionScript(specs(), shell as (typeof SHELLS)[number]));
    },
  };
}
