import type { FastifyInstance } from 'fastify';

// The app's Ajv does not coerce types (JSON bodies stay strict), but a query string is all text.
// One preValidation hook turns the integer and boolean fields a route's querystring schema declares
// into numbers and booleans; anything else is left for the schema to reject.

interface QuerySchema { properties?: Record<string, { type?: unknown }> }

/** Coerces `?limit=10&all=true` in place, per the route's querystring schema. */
export function coerceQuery(query: Record<string, unknown>, schema: QuerySchema): void {
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const value = query[key];
    if (typeof value !== 'string') continue;
    if (prop.type === 'integer' && /^-?\d{1,15}$/.test(value)) query[key] = Number(value);
    else if (prop.type === 'boolean' && (value === 'true' || value === 'false')) query[key] = value === 'true';
  }
}

/** Installs the coercion for every route that declares a querystring schema. */
export function coerceQuerystrings(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const schema = req.routeOptions.schema?.querystring as QuerySchema | undefined;
    if (schema && req.query && typeof req.query === 'object') coerceQuery(req.query as Record<string, unknown>, schema);
  });
}
