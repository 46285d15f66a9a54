// Reads the dev stack's Mailpit (dev/stack) through its HTTP API, as the notifier tests check what was
// really delivered over SMTP. TENURE_MAILPIT_* move it, as they move dev/stack's.
const SMTP_PORT = process.env.TENURE_MAILPIT_SMTP_PORT ?? '1025';
const UI_PORT = process.env.TENURE_MAILPIT_UI_PORT ?? '8025';

export const MAILPIT_SMTP_URL = `smtp://127.0.0.1:${SMTP_PORT}`;
export const MAILPIT_API = `http://127.0.0.1:${UI_PORT}/api/v1`;

export interface MailpitSummary { ID: string; Subject: string; From: { Address: string }; To: { Address: string }[] }
export interface MailpitMessage extends MailpitSummary { Text: string; HTML: string }

/** Every message Mailpit holds for this recipient (newest first). */
export async function messagesTo(address: string): Promise<MailpitSummary[]> {
  const res = await fetch(`${MAILPIT_API}/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=50`);
  if (!res.ok) throw new Error(`Mailpit search answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { messages: MailpitSummary[] };
  // The search matches substrings; keep exact recipients only.
  return body.messages.filter((m) => m.To.some((t) => t.Address.toLowerCase() === address.toLowerCase()));
}

/** One whole message, text and HTML parts included. */
export async function readMessage(id: string): Promise<MailpitMessage> {
  const res = await fetch(`${MAILPIT_API}/message/${encodeURIComponent(id)}`);
  if (!res.ok) throw new Error(`Mailpit message ${id} answered ${res.status}`);
  return (await res.json()) as MailpitMessage;
}

/** The value of one header of a message, or null. */
export async function messageHeader(id: string, name: string): Promise<string | null> {
  const res = await fetch(`${MAILPIT_API}/message/${encodeURIComponent(id)}/headers`);
  if (!res.ok) throw new Error(`Mailpit headers of ${id} answered ${res.status}`);
  const headers = (await res.json()) as Record<string, string[]>;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? headers[key]![0] ?? null : null;
}
