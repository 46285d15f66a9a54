export * from './plans.js';
export * from './tenants.js';
export * from './stripe-events.js';
export * from './billing-events.js';
export * from './tenant-usage.js';
export * from './stripe-customers.js';
export * from './admins.js';
export * from './checkout-sessions.js';
