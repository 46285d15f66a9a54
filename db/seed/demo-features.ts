// The development seed of the feature catalog: the five metrics Tenure used to compile in, as
// catalog features, plus one boolean feature so the demo shows a flag. db/migrate.ts upserts them
// before the demo plans, outside production. This file and the demo plans are the only places that
// name them; the code reads the catalog.
import type { Feature } from '../../domain/entitlements/features.js';

export const SEED_FEATURES: readonly Feature[] = [
  { key: 'referred_users', name: 'Referred users', kind: 'monthly', unit: 'users', description: 'Users referred in the usage period' },
  { key: 'campaigns', name: 'Campaigns', kind: 'gauge', unit: 'campaigns', description: 'Live campaigns' },
  { key: 'seats', name: 'Seats', kind: 'gauge', unit: 'seats', description: 'Team members with access' },
  { key: 'leaderboard_entries', name: 'Leaderboard entries', kind: 'read', unit: 'entries', description: 'Entries shown on a leaderboard (reported, not consumed)' },
  { key: 'email_sends', name: 'Email sends', kind: 'monthly', unit: 'emails', description: 'Emails sent in the usage period' },
  { key: 'advanced_analytics', name: 'Advanced analytics', kind: 'boolean', description: 'Cohort, funnel and retention reports' },
];
