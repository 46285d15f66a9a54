import { describe, expect, it } from 'vitest';
import { parseLimitAssignments } from '../../../cli/commands/overrides.js';
import { runCliOffline } from '../../support/cli.js';

// The CLI's surface without any service: help, usage errors and their exit codes, argument parsing.

const cli = (...argv: string[]) => runCliOffline(argv);

describe('tenure CLI usage', () => {
  it('lists every command, and each command has --help', async () => {
    const all = await cli('--help');
    expect(all.code).toBe(0);
    for (const c of ['tenants list', 'tenants show', 'tenants lock', 'tenants unlock', 'tenants suspend', 'tenants unsuspend', 'tenants trial extend', 'tenants limits override', 'tenants discount', 'admin set-password', 'backfill', 'replay-check', 'stripe simulate']) {
      expect(all.stdout).toContain(`tenure ${c}`);
      const help = await cli(...c.split(' '), '--help');
      expect(help.code, c).toBe(0);
      expect(help.stdout).toContain(`Usage: tenure ${c}`);
    }
  });

  it('answers a usage error with exit code 2 and a pointer to --help', async () => {
    const unknown = await cli('tenants', 'frobnicate', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'tenants frobnicate x'");
    const missing = await cli('tenants', 'suspend', 'acme', '--admin', 'alice');
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('--reason is required') });
    const badFlag = await cli('tenants', 'list', '--colour', 'red');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain("Run 'tenure tenants list --help'");
    expect((await cli('tenants', 'lock', 'acme', '--reason', 'r', '--admin', 'a', '--duration', 'soon')).stderr).toContain("invalid duration 'soon'");
    expect((await cli('stripe', 'simulate', 'charge.refunded', '--tenant', 'acme')).stderr).toContain("unsupported event type 'charge.refunded'");
  });

  it('has no password flag: a password on the command line is refused', async () => {
    const res = await cli('tenants', 'lock', 'acme', '--reason', 'r', '--admin', 'a', '--password', 'hunter2hunter2');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("unknown option '--password'");
    expect(res.stderr).not.toContain('hunter2');
  });

  it('refuses to prompt for a password without a terminal', async () => {
    const res = await cli('tenants', 'unlock', 'acme', '--admin', 'a');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--password-stdin');
  });
});

describe('limits assignments', () => {
  it('parses integers and unlimited, and names the bad one', () => {
    expect(parseLimitAssignments(['campaigns=10', 'seats=unlimited'])).toEqual({ campaigns: 10, seats: null });
    expect(() => parseLimitAssignments(['campaigns=-1'])).toThrow("--set 'campaigns=-1'");
    expect(() => parseLimitAssignments(['Widgets=3'])).toThrow("'Widgets' is not a feature key");
    expect(parseLimitAssignments(['api_calls=3'])).toEqual({ api_calls: 3 });
    expect(() => parseLimitAssignments([])).toThrow('at least one --set');
  });
});
