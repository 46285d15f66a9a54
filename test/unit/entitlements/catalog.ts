// A small catalog with one feature of each kind, shared by the entitlements tests.
import type { Feature } from '../../../domain/entitlements/features.js';

export const SSO: Feature = { key: 'sso', name: 'Single sign-on', kind: 'boolean' };
export const SEATS: Feature = { key: 'seats', name: 'Seats', kind: 'gauge', unit: 'seats' };
export const API_CALLS: Feature = { key: 'api_calls', name: 'API calls', kind: 'monthly', unit: 'calls' };
export const BOARD: Feature = { key: 'leaderboard_entries', name: 'Leaderboard entries', kind: 'read' };
export const CATALOG: readonly Feature[] = [SSO, SEATS, API_CALLS, BOARD];
