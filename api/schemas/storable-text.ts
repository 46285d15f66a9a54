import type { FastifyInstance } from 'fastify';
import { TenureError } from '../../domain/errors.js';
import { findUnstorableText } from '../../domain/text.js';

// Every route, before its schema runs: a string Postgres cannot store (U+0000, a lone surrogate),
// anywhere in the path parameters, the query string or the parsed JSON body, is a 400. Nothing
// behind the boundary (a service, a workflow, a projection write) ever sees one. The Stripe webhook's
// body is a Buffer here (its signature is checked first); its service stores it made storable.

const LOCATIONS = ['params', 'querystring', 'body'] as const;

/** Installs the check as one preValidation hook (it runs after authentication, as validation does). */
export function rejectUnstorableText(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const parts = { params: req.params, querystring: req.query, body: req.body };
    for (const location of LOCATIONS) {
      const path = findUnstorableText(parts[location]);
      if (path !== null) {
        throw new TenureError('VALIDATION_FAILED', `invalid ${location}: ${path} holds U+0000 or a lone surrogate, which cannot be stored`, { location, path });
      }
    }
  });
}
