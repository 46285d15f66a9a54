// The small JSON Schema (draft-07) vocabulary the event catalog uses, and builders for its fields.
// Schemas stay plain JSON objects, so they can be served, documented and handed to any validator.

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'null';
export type JsonValue = string | number | boolean | null;

export interface JsonSchema {
  /** Only ever EPOCH_MS here: JSON Schema has no format for a number of milliseconds, and the docs show it. */
  $comment?: string;
  title?: string;
  description?: string;
  type?: JsonType | readonly JsonType[];
  format?: 'date-time';
  enum?: readonly JsonValue[];
  const?: JsonValue;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  minProperties?: number;
  properties?: Readonly<Record<string, JsonSchema>>;
  /** Properties named by a regular expression (keys chosen by the operator, such as feature keys). */
  patternProperties?: Readonly<Record<string, JsonSchema>>;
  propertyNames?: JsonSchema;
  required?: readonly string[];
  additionalProperties?: boolean;
  oneOf?: readonly JsonSchema[];
}

/** One schema per property of P: a key missing or extra is a compile error, so type and schema cannot drift apart by name. */
export type Fields<P> = { readonly [K in keyof P]-?: JsonSchema };

export interface ObjectSchema<P> extends JsonSchema {
  type: 'object';
  properties: Fields<P>;
  required: readonly (keyof P & string)[];
  additionalProperties: false;
}

/** Any closed object schema, whatever its payload type. */
export interface ClosedObjectSchema extends JsonSchema {
  type: 'object';
  properties: Readonly<Record<string, JsonSchema>>;
  required: readonly string[];
  additionalProperties: false;
}

/** A payload whose shape depends on a discriminator (such as `source`): exactly one variant matches. */
export interface VariantsSchema extends JsonSchema {
  oneOf: readonly ClosedObjectSchema[];
}

export type PayloadSchema<P> = ObjectSchema<P> | VariantsSchema;

/** A closed object: every property is required (absent values are null, never missing) and no other is allowed. */
export function objectSchema<P>(properties: Fields<P>, description?: string): ObjectSchema<P> {
  const required = Object.keys(properties) as (keyof P & string)[];
  return { type: 'object', ...(description === undefined ? {} : { description }), properties, required, additionalProperties: false };
}

/** Variants told apart by a constant field; each variant is a closed object. */
export function variantsSchema(variants: readonly ClosedObjectSchema[]): VariantsSchema {
  return { oneOf: variants };
}

export const text = (description: string): JsonSchema => ({ type: 'string', description });
export const nullableText = (description: string): JsonSchema => ({ type: ['string', 'null'], description });
export const count = (description: string): JsonSchema => ({ type: 'integer', minimum: 0, description });
export const flag = (description: string): JsonSchema => ({ type: 'boolean', description });
export const constant = (value: string, description: string): JsonSchema => ({ type: 'string', const: value, description });
export const oneOfValues = (values: readonly string[], description: string): JsonSchema => ({ type: 'string', enum: values, description });
export const dateTime = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description });
export const nullableDateTime = (description: string): JsonSchema => ({ type: ['string', 'null'], format: 'date-time', description });

// The reducer keeps time as epoch milliseconds, and its payloads carry those values unchanged.
export const EPOCH_MS = 'epoch ms';
export const epochMs = (description: string): JsonSchema => ({ $comment: EPOCH_MS, type: 'integer', minimum: 0, description });
export const nullableEpochMs = (description: string): JsonSchema => ({ $comment: EPOCH_MS, type: ['integer', 'null'], minimum: 0, description });
