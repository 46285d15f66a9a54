// The shapes of Tenure's internal API, as product backends see them. Kept free of server imports so
// the folder can be copied or published on its own.

/**
 * A feature key from Tenure's catalog (`sso`, `api_calls`): the server checks it, not the client.
 * Pin an app's own keys with `createTenureClient<'sso' | 'api_calls'>(...)`.
 */
export type Metric = string;

export type Access = 'full' | 'read_only' | 'none';

export interface TenantStatus {
  tenantId: string;
  status: 'active' | 'suspended' | 'locked' | 'closed';
  paymentStatus: 'active' | 'past_due' | 'restricted' | 'locked';
  access: Access;
  plan: { id: string; name: string };
  trial: { endsAt: string } | null;
  /** Per metered feature; null = unlimited */
  limits: Record<string, number | null>;
  version: number;
}

export interface MetricUsage { kind: 'gauge' | 'monthly' | 'read'; used: number | null; limit: number | null; remaining: number | null }
export interface TenantUsage { tenantId: string; planId: string; metrics: Record<string, MetricUsage> }

export interface UsageOptions { amount?: number; idempotencyKey?: string }

export type Decision =
  | { allowed: true; used: number; limit: number | null; remaining: number | null; warning: string | null; replayed: boolean }
  | { allowed: false; status: number; code: string; message: string; details: Record<string, unknown> | null; warning: string | null };

export interface PlanLimits {
  planId: string;
  planName: string;
  access: Access;
  status: TenantStatus['status'];
  paymentStatus: TenantStatus['paymentStatus'];
  limits: Record<string, number | null>;
}

export type FeatureKind = 'boolean' | 'gauge' | 'monthly' | 'read';

/** One feature of GET /internal/tenants/:id/entitlements; a boolean feature has limit, used and remaining null. */
export interface FeatureEntitlement {
  kind: FeatureKind;
  /** False for every feature when access is `none`; a metered feature is enabled unless its limit is 0. */
  enabled: boolean;
  /** null = unlimited (or a boolean feature) */
  limit: number | null;
  used: number | null;
  /** How many more units consume allows now (grace included); 0 without full access; null when unlimited or boolean. */
  remaining: number | null;
  /** `override` when an admin override in force set the value. */
  source: 'plan' | 'override';
}

/** GET /internal/tenants/:id/entitlements: every feature of the catalog, resolved for the tenant. */
export interface TenantEntitlements {
  tenantId: string;
  access: Access;
  features: Record<string, FeatureEntitlement>;
}

/** Why a feature check came out as it did. */
export type FeatureCheckReason = 'plan' | 'override' | 'access_none' | 'unknown_feature';

/** GET /internal/tenants/:id/features/:key */
export interface FeatureCheck {
  key: string;
  enabled: boolean;
  reason: FeatureCheckReason;
}
