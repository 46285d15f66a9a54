// Entry point of the tenure operator CLI (`npx tenure ...`, launched by cli/bin.mjs).
import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
process.exitCode = code;
// Native handles (the replay worker's runtime) can outlive the command; do not let them hang the shell.
setTimeout(() => process.exit(code), 3_000).unref();
