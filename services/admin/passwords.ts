import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { TenureError } from '../../domain/errors.js';
import type { Db } from '../../db/client.js';
import { clearReauthFailures, findAdminCredentials, recordReauthFailure, saveAdminPasswordHash } from '../../db/queries/admins.js';

// Admin re-authentication for the overrides that cut access (lock, unlock, suspend, limit overrides):
// a per-admin scrypt hash, and a lock-out after REAUTH_LOCKOUT.max wrong passwords within the window.
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, opts: { N: number; r: number; p: number }) => Promise<Buffer>;
const PARAMS = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 12;
/** Five wrong passwords within 15 minutes lock the admin out of re-authentication for 15 minutes. */
export const REAUTH_LOCKOUT = { max: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

async function matches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Sets an admin's password (the CLI's `admin set-password`). */
export async function setAdminPassword(db: Db, adminId: string, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new TenureError('VALIDATION_FAILED', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  await saveAdminPasswordHash(db, adminId, await hashPassword(password));
}

/**
 * Re-authenticates an admin; a missing, unknown or wrong password is REAUTH_FAILED (401), and while
 * the admin is locked out (after too many wrong ones) every attempt is REAUTH_LOCKED (429).
 */
export async function verifyAdminPassword(db: Db, adminId: string, password: string | undefined): Promise<void> {
  const stored = await findAdminCredentials(db, adminId);
  if (stored?.lockedUntil && stored.lockedUntil > new Date()) throw lockedOut(stored.lockedUntil);
  // Hash even when there is nothing to compare with, so timing does not reveal which admins exist.
  const ok = stored !== null && password !== undefined && (await matches(password, stored.passwordHash));
  if (ok) {
    await clearReauthFailures(db, adminId);
    return;
  }
  if (stored === null) await hashPassword(password ?? '');
  else {
    const lockedUntil = await recordReauthFailure(db, adminId, REAUTH_LOCKOUT);
    if (lockedUntil) throw lockedOut(lockedUntil);
  }
  throw new TenureError('REAUTH_FAILED', 'password confirmation failed: this action needs the admin\'s own password');
}

function lockedOut(until: Date): TenureError {
  return new TenureError('REAUTH_LOCKED', `too many wrong passwords: re-authentication is locked until ${until.toISOString()}`, { lockedUntil: until.toISOString() });
}
