import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

// The customer billing page (web/): static files read once at start-up. The page holds no data of
// its own; it calls /billings/* with the tenant's token, so it can be public. The CSP allows only
// this origin's scripts and styles, and the page may only be framed by this origin.
const WEB = (name: string) => readFileSync(fileURLToPath(new URL(`../../../web/${name}`, import.meta.url)), 'utf8');
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

const FILES = [
  { url: '/billing', file: 'billing.html', type: 'text/html; charset=utf-8' },
  { url: '/billing/billing.js', file: 'billing.js', type: 'text/javascript; charset=utf-8' },
  { url: '/billing/billing.css', file: 'billing.css', type: 'text/css; charset=utf-8' },
];

export default async function webRoutes(app: FastifyInstance): Promise<void> {
  for (const { url, file, type } of FILES) {
    const body = WEB(file);
    app.get(url, { schema: { tags: ['web'], summary: url === '/billing' ? 'The customer billing page (pass the tenant token as #token=...)' : `static: ${file}`, produces: [type.split(';')[0]!] } }, async (_req, reply) =>
      reply.type(type).header('content-security-policy', CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('cache-control', 'no-cache').send(body));
  }
}
