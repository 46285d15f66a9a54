import { ERROR_CODES } from '../../domain/errors.js';

// The error envelope in every route's response schema, so /openapi.json documents it (and its closed set of codes).
export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: { code: { type: 'string', enum: Object.keys(ERROR_CODES) }, message: { type: 'string' }, requestId: { type: 'string' }, details: {} },
    },
  },
} as const;

/** Declares the error envelope for each listed status. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema]));
}
