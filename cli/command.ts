import { parseDuration } from '../domain/durations.js';
import type { CliContext } from './context.js';

// The CLI's command model: each command declares its path, options and help text; parsing and help
// are generic (commander, strict: cli/program.ts), so every command rejects unknown flags the same way.

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help as `--name <value>`. */
  value?: string;
  multiple?: boolean;
  short?: string;
}

export interface ParsedInput {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface CommandSpec {
  path: string[];
  summary: string;
  /** Positional arguments, in order; all required. */
  args?: string[];
  /** Positional arguments that may follow the required ones. */
  optionalArgs?: string[];
  options?: Record<string, OptionSpec>;
  /** More help text: behaviour, examples. */
  details?: string;
  /** Returns the process exit code (0 when omitted). */
  run(ctx: CliContext, input: ParsedInput): Promise<number | void>;
}

/** A mistake in how the command was called: exit code 2, with a pointer to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly path: string[] = []) { super(message); }
}

export const JSON_OPTION: Record<string, OptionSpec> = { json: { type: 'boolean', description: 'print machine-readable JSON on stdout' } };
/** An optional string option. */
export function optString(input: ParsedInput, name: string): string | undefined {
  const v = input.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A required string option; a usage error names the flag when it is missing or blank. */
export function reqString(input: ParsedInput, name: string, path: string[]): string {
  const v = optString(input, name);
  if (v === undefined || v.trim() === '') throw new UsageError(`--${name} is required`, path);
  return v;
}

/** A non-negative integer option with a default. */
export function optInt(input: ParsedInput, name: string, fallback: number, path: string[], min = 0): number {
  const v = optString(input, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be an integer of at least ${min}, got '${v}'`, path);
  return Number(v);
}

/** A duration option such as 7d or 90m, in ms. */
export function optDuration(input: ParsedInput, name: string, path: string[]): number | undefined {
  const v = optString(input, name);
  if (v === undefined) return undefined;
  try {
    const ms = parseDuration(v);
    if (ms <= 0) throw new Error(`--${name} must be longer than 0`);
    return ms;
  } catch (err) {
    throw new UsageError(`--${name}: ${(err as Error).message}`, path);
  }
}

export const flag = (input: ParsedInput, name: string): boolean => input.values[name] === true;
export const list = (input: ParsedInput, name: string): string[] => (Array.isArray(input.values[name]) ? (input.values[name] as string[]) : []);
