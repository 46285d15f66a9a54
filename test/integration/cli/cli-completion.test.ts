import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runTenure } from '../../support/cli.js';

// The completion script the real CLI prints, loaded into a real bash: what it offers after each prefix.

describe('tenure completion bash in bash', () => {
  it('completes commands, nested commands and a command\'s options', async () => {
    const script = await runTenure(['completion', 'bash']);
    expect(script.code, script.stderr).toBe(0);
    const complete = (...words: string[]) => {
      const probe = `${script.stdout}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _tenure; echo "\${COMPREPLY[*]}"`;
      const run = spawnSync('bash', ['--norc', '-c', probe], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      return run.stdout.trim();
    };
    expect(complete('tenure', 'ten')).toBe('tenants');
    expect(complete('tenure', 'tenants', 'tr')).toBe('trial');
    expect(complete('tenure', 'tenants', 'trial', 'extend', 'acme', '--b')).toBe('--by');
    expect(complete('tenure', 'webhooks', 'replay', '--end')).toBe('--endpoint');
    expect(complete('tenure', 'nothing', '')).toBe('');
  }, 30_000);
});
