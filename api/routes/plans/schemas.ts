import { HEADROOM_PERCENT } from '../../../domain/plans/recommendation.js';
import { PLAN_ID_PATTERN, TENANT_ID_PATTERN } from '../../../domain/plans/rules.js';
import { FEATURE_KEY_MAX_LENGTH, FEATURE_KEY_PATTERN } from '../../../domain/entitlements/features.js';

// JSON Schemas of the plan routes: the catalog's inputs are validated here, once, at the boundary.

const INT32 = 2_147_483_647;
const cents = { type: 'integer', minimum: 0, maximum: INT32 } as const;
const nullableCents = { type: ['integer', 'null'], minimum: 0, maximum: INT32 } as const;
const nullableStripeId = { type: ['string', 'null'], minLength: 1, maxLength: 255 } as const;

const featureKey = { pattern: FEATURE_KEY_PATTERN, maxLength: FEATURE_KEY_MAX_LENGTH } as const;
const limitValue = { type: ['integer', 'null'], minimum: 0, maximum: INT32, description: 'null = unlimited' } as const;

/** Per catalog feature key: `{enabled}` for a boolean feature, `{limit}` (null = unlimited) for a metered one. */
export const entitlementsSchema = {
  type: 'object',
  maxProperties: 200,
  propertyNames: featureKey,
  additionalProperties: {
    oneOf: [
      { type: 'object', required: ['enabled'], additionalProperties: false, properties: { enabled: { type: 'boolean' } } },
      { type: 'object', required: ['limit'], additionalProperties: false, properties: { limit: limitValue } },
    ],
  },
  description: 'what the plan grants, by feature key of the catalog (GET /admin/features); a feature it does not name is off, or has a limit of 0',
} as const;

/** Deprecated input (one release): metered limits by feature key, read as `{limit}` entitlements. */
export const limitsSchema = {
  type: 'object',
  maxProperties: 200,
  propertyNames: featureKey,
  additionalProperties: limitValue,
  description: 'the metered entitlements as limits by feature key (null = unlimited)',
} as const;

const editableProperties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  description: { type: 'string', maxLength: 2000 },
  rank: { type: 'integer', minimum: 0, maximum: 1_000_000, description: 'ordering for upgrades and downgrades: higher is bigger' },
  currency: { type: 'string', pattern: '^[a-z]{3}$' },
  priceMonthlyCents: cents,
  priceAnnualCents: nullableCents,
  entitlements: entitlementsSchema,
  limits: { ...limitsSchema, description: 'deprecated: use entitlements (read as {"limit": n} per key); not both' },
  features: { type: 'array', maxItems: 50, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 200 } },
  tenantId: { type: ['string', 'null'], pattern: TENANT_ID_PATTERN, description: 'null: public plan; otherwise an enterprise plan bound to this tenant' },
  manualInvoicing: { type: 'boolean', description: 'enterprise plans only' },
  daysUntilDue: { type: 'integer', minimum: 1, maximum: 365, description: 'manualInvoicing plans: the days a sent invoice is due in (default 30)' },
  stripeProductId: nullableStripeId,
  stripePriceId: nullableStripeId,
  stripeAnnualPriceId: nullableStripeId,
  isActive: { type: 'boolean' },
} as const;

export const createPlanBody = {
  type: 'object',
  required: ['id', 'name', 'rank', 'priceMonthlyCents'],
  anyOf: [{ required: ['entitlements'] }, { required: ['limits'] }],
  not: { required: ['entitlements', 'limits'] },
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: PLAN_ID_PATTERN }, ...editableProperties },
} as const;

export const updatePlanBody = {
  type: 'object', minProperties: 1, additionalProperties: false, not: { required: ['entitlements', 'limits'] }, properties: editableProperties,
} as const;

export const planParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } as const;

export const listPlansQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
    tenantId: { type: 'string', pattern: TENANT_ID_PATTERN, description: 'only the enterprise plans bound to this tenant' },
    includeInactive: { type: 'boolean', default: false, description: 'also list soft-deleted plans' },
  },
} as const;

const planProperties = {
  id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, rank: { type: 'integer' }, currency: { type: 'string' },
  priceMonthlyCents: { type: 'integer' }, priceAnnualCents: { type: ['integer', 'null'] }, entitlements: entitlementsSchema, limits: limitsSchema,
  features: { type: 'array', items: { type: 'string' } }, manualInvoicing: { type: 'boolean' },
} as const;

const adminPlanProperties = {
  ...planProperties, daysUntilDue: { type: 'integer' }, tenantId: { type: ['string', 'null'] }, stripeProductId: { type: ['string', 'null'] }, stripePriceId: { type: ['string', 'null'] },
  stripeAnnualPriceId: { type: ['string', 'null'] }, isActive: { type: 'boolean' }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
  version: { type: 'integer', minimum: 1, description: 'the current version: +1 on each change to prices or entitlements' },
} as const;

export const adminPlanSchema = { type: 'object', required: Object.keys(adminPlanProperties), properties: adminPlanProperties } as const;

const planVersionSchema = {
  type: 'object',
  required: ['version', 'current', 'tenants', 'currency', 'priceMonthlyCents', 'priceAnnualCents', 'stripePriceId', 'stripeAnnualPriceId', 'entitlements'],
  properties: {
    version: { type: 'integer' }, current: { type: 'boolean' }, tenants: { type: 'integer', description: 'open tenants on this version' },
    currency: { type: 'string' }, priceMonthlyCents: { type: 'integer' }, priceAnnualCents: { type: ['integer', 'null'] },
    stripePriceId: { type: ['string', 'null'] }, stripeAnnualPriceId: { type: ['string', 'null'] }, entitlements: entitlementsSchema,
  },
} as const;

/** GET /admin/plans/:id: the plan with every version, oldest first, and how many tenants are on each. */
export const adminPlanDetailSchema = {
  type: 'object',
  required: [...Object.keys(adminPlanProperties), 'versions'],
  properties: { ...adminPlanProperties, versions: { type: 'array', items: planVersionSchema } },
} as const;

export const planListResponse = {
  type: 'object',
  required: ['plans', 'total', 'limit', 'offset'],
  properties: { plans: { type: 'array', items: adminPlanSchema }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } },
} as const;

export const syncSummaryResponse = {
  type: 'object',
  required: ['created', 'updated', 'unchanged', 'deactivated', 'skipped'],
  properties: {
    created: { type: 'array', items: { type: 'string' } }, updated: { type: 'array', items: { type: 'string' } },
    unchanged: { type: 'array', items: { type: 'string' } }, deactivated: { type: 'array', items: { type: 'string' } },
    skipped: { type: 'array', items: { type: 'object', required: ['productId', 'reason'], properties: { productId: { type: 'string' }, reason: { type: 'string' } } } },
  },
} as const;

const publicPlanSchema = {
  type: 'object',
  required: [...Object.keys(planProperties), 'enterprise', 'annualSavings'],
  properties: {
    ...planProperties,
    enterprise: { type: 'boolean', description: 'true: a plan made for the calling tenant alone' },
    annualSavings: {
      type: ['object', 'null'], required: ['amountCents', 'percent'], description: 'yearly price against 12 monthly payments; null without an annual price',
      properties: { amountCents: { type: 'integer' }, percent: { type: 'number' } },
    },
  },
} as const;

const comparisonSchema = {
  type: 'object',
  required: ['planIds', 'metrics', 'entitlements', 'features'],
  description: 'side by side: each array holds one entry per plan, in the order of planIds',
  properties: {
    planIds: { type: 'array', items: { type: 'string' } },
    metrics: { type: 'array', items: { type: 'object', required: ['metric', 'kind', 'limits'], properties: { metric: { type: 'string' }, kind: { type: 'string' }, limits: { type: 'array', items: { type: ['integer', 'null'] } } } } },
    entitlements: {
      type: 'array', description: 'one row per catalog feature: a boolean feature\'s flag, a metered one\'s limit (null = unlimited)',
      items: {
        type: 'object', required: ['key', 'name', 'kind', 'unit', 'values'],
        properties: { key: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, unit: { type: ['string', 'null'] }, values: { type: 'array', items: { type: ['boolean', 'integer', 'null'] } } },
      },
    },
    features: { type: 'array', items: { type: 'object', required: ['feature', 'included'], properties: { feature: { type: 'string' }, included: { type: 'array', items: { type: 'boolean' } } } } },
  },
} as const;

const recommendationSchema = {
  type: ['object', 'null'],
  required: ['planId', 'basis', 'fitsWithHeadroom', 'headroomPercent', 'tightMetrics', 'reason', 'usage'],
  description: `with a tenant token and usage counters: the cheapest plan whose limits fit current usage with ${HEADROOM_PERCENT}% headroom (the largest plan when none does); otherwise (basis 'default') the cheapest paid public plan`,
  properties: {
    planId: { type: 'string' }, basis: { type: 'string', enum: ['usage', 'default'] }, fitsWithHeadroom: { type: 'boolean' }, headroomPercent: { type: 'integer' },
    tightMetrics: { type: 'array', items: { type: 'string' } }, reason: { type: 'string' },
    usage: { type: ['object', 'null'], description: 'the usage the recommendation was based on', additionalProperties: { type: 'integer' } },
  },
} as const;

export const catalogResponse = {
  type: 'object',
  required: ['plans', 'comparison', 'recommendation'],
  properties: { plans: { type: 'array', items: publicPlanSchema }, comparison: comparisonSchema, recommendation: recommendationSchema },
} as const;
