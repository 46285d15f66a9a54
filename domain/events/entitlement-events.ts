// Payloads of the entitlement.* events: an operator's override of one feature for one tenant, set,
// removed, or expired at its `until` (emitted by domain/lifecycle/admin.ts and tick.ts).
import { featureKey, nullableLimit } from './feature-key-schema.js';
import { dateTime, flag, nullableDateTime, nullableText, objectSchema, text, variantsSchema, type JsonSchema } from './json-schema.js';

/** What an override grants: a flag for a boolean feature, a limit (null = unlimited) for a metered one. */
export type OverrideValue = { enabled: boolean } | { limit: number | null };

type OverriddenCommon = {
  key: string;
  reason: string;
  /** ISO-8601; null when the override lasts until removed. */
  until: string | null;
  actor: string;
  /** The override this one replaced (its value); null when the feature had none. */
  previous: OverrideValue | null;
};

export type BooleanOverriddenData = OverriddenCommon & { enabled: boolean };
export type LimitOverriddenData = OverriddenCommon & { limit: number | null };
/** A boolean feature's override carries `enabled`, a metered feature's `limit`: never both. */
export type EntitlementOverriddenData = BooleanOverriddenData | LimitOverriddenData;

export type EntitlementOverrideExpiredData = {
  key: string;
  /** ISO-8601: the `until` that passed. */
  until: string;
};

export type EntitlementOverrideRemovedData = {
  key: string;
  actor: string;
  reason: string | null;
};

const key = featureKey('The feature overridden (its catalog key)');
const actor = text('Who did it: the admin user, as authenticated');
const enabled = flag('The flag the boolean feature now has for this tenant');
const limit = nullableLimit('The limit the metered feature now has for this tenant; null is unlimited');

const previousSchema: JsonSchema = {
  description: 'The override this one replaced; null when the feature had none (the plan\'s value applied)',
  oneOf: [
    { type: 'null' },
    objectSchema<{ enabled: boolean }>({ enabled: flag('Its flag') }, 'A boolean override'),
    objectSchema<{ limit: number | null }>({ limit: nullableLimit('Its limit; null is unlimited') }, 'A metered override'),
  ],
};

const common = {
  key,
  reason: text('Why, as the operator gave it'),
  until: nullableDateTime('When the lifecycle removes it (entitlement.override_expired); null until removed'),
  actor,
  previous: previousSchema,
};

export const entitlementOverriddenSchema = variantsSchema([
  objectSchema<BooleanOverriddenData>({ ...common, enabled }, 'A boolean feature turned on or off'),
  objectSchema<LimitOverriddenData>({ ...common, limit }, 'A metered feature given another limit'),
]);

export const entitlementOverrideExpiredSchema = objectSchema<EntitlementOverrideExpiredData>({
  key,
  until: dateTime('The until that passed; the plan\'s value (or an earlier state) applies again'),
});

export const entitlementOverrideRemovedSchema = objectSchema<EntitlementOverrideRemovedData>({
  key,
  actor,
  reason: nullableText('Why, when the admin gave a reason'),
});
