import { defineQuery, defineUpdate } from '@temporalio/workflow';

// The plan migration workflow's messages. The API and the CLI import these constants.

export const PLAN_MIGRATION_WORKFLOW_TYPE = 'planMigration';
export const migrationWorkflowIdOf = (migrationId: string): string => `plan-migration:${migrationId}`;

export type MigrationStatus = 'running' | 'paused' | 'completed' | 'cancelled';

/** What the workflow knows of its progress: the status and the count of tenants by outcome. */
export interface MigrationProgress { status: MigrationStatus; total: number; done: number; outcomes: Record<string, number> }

export interface PlanMigrationArgs {
  migrationId: string;
  ratePerSecond: number;
  /** Set only by continue-as-new. */
  carried?: { progress: MigrationProgress; written: MigrationStatus | null };
}

export const pauseMigrationUpdate = defineUpdate<MigrationProgress, []>('pause');
export const resumeMigrationUpdate = defineUpdate<MigrationProgress, []>('resume');
export const cancelMigrationUpdate = defineUpdate<MigrationProgress, []>('cancel');
export const migrationProgressQuery = defineQuery<MigrationProgress>('progress');
