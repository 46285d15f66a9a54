// The shapes of Tenure's internal API, as product backends see them. Kept free of server imports so
// the folder can be copied or published on its own.

export type Metric = 'referred_users' | 'campaigns' | 'seats' | 'leaderboard_entries' | 'email_sends';

export interface TenantStatus {
  tenantId: string;
  status: 'active' | 'suspended' | 'locked';
  paymentStatus: 'active' | 'past_due' | 'restricted' | 'locked';
  access: 'full' | 'read_only' | 'none';
  plan: { id: string; name: string };
  trial: { endsAt: string } | null;
  /** null = unlimited */
  limits: Record<Metric, number | null>;
  version: number;
}

export interface MetricUsage { kind: 'gauge' | 'monthly' | 'read'; used: number | null; limit: number | null; remaining: number | null }
export interface TenantUsage { tenantId: string; planId: string; metrics: Record<Metric, MetricUsage> }

export interface UsageOptions { amount?: number; idempotencyKey?: string }

export type Decision =
  | { allowed: true; used: number; limit: number | null; remaining: number | null; warning: string | null; replayed: boolean }
  | { allowed: false; status: number; code: string; message: string; details: Record<string, unknown> | null; warning: string | null };

export interface PlanLimits {
  planId: string;
  planName: string;
  access: TenantStatus['access'];
  status: TenantStatus['status'];
  paymentStatus: TenantStatus['paymentStatus'];
  limits: Record<Metric, number | null>;
}
