import type { CommandSpec } from '../command.js';
import { adminSetPassword } from './admin-password.js';
import { backfill } from './backfill.js';
import { completionCommand } from './completion.js';
import { FEATURES } from './features.js';
import { OVERRIDES } from './overrides.js';
import { plansMigrate } from './plans-migrate.js';
import { replayCheck } from './replay-check.js';
import { stripeReconcile } from './stripe-reconcile.js';
import { stripeReplay } from './stripe-replay.js';
import { stripeSimulate } from './stripe-simulate.js';
import { tenantsErase } from './tenant-erase.js';
import { tenantsPlanAssign } from './tenant-plan.js';
import { tenantsRepair, tenantsReproject } from './tenant-maintenance.js';
import { tenantsList, tenantsShow } from './tenants.js';
import { tenantsPreview } from './preview.js';
import { token } from './token.js';
import { WEBHOOKS } from './webhooks.js';

/** Every command of the tenure CLI, in the order `tenure --help` lists them. */
export const COMMANDS: CommandSpec[] = [tenantsList, tenantsShow, tenantsPreview, tenantsReproject, tenantsRepair, ...OVERRIDES, tenantsErase, tenantsPlanAssign, ...FEATURES, plansMigrate, adminSetPassword, backfill, replayCheck, stripeSimulate, stripeReplay, stripeReconcile, ...WEBHOOKS, token, completionCommand(() => COMMANDS)];
