import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Signing secrets at rest: AES-256-GCM under a key derived from WEBHOOK_SECRETS_KEY. A database dump
// alone does not reveal them; losing the key makes every endpoint need a rotate-secret.

const keyOf = (secretsKey: string): Buffer => createHash('sha256').update(secretsKey).digest();

/** Encrypts a secret for the webhook_endpoints table: `v1:<iv>:<tag>:<ciphertext>`, base64 parts. */
export function sealSecret(secret: string, secretsKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secretsKey), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

/** Decrypts what sealSecret wrote; throws when the key is not the one it was sealed with. */
export function openSecret(sealed: string, secretsKey: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(':');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('unreadable webhook secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secretsKey), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
}

/** A new Standard Webhooks signing secret: `whsec_` and 24 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}
