import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

/** Installs the SDK runtime once per test process with a quiet logger (TEMPORAL_TEST_LOG=INFO to see more). */
export function quietTemporalRuntime(level: LogLevel = 'ERROR'): void {
  if (installed) return;
  installed = true;
  Runtime.install({ logger: new DefaultLogger((process.env.TEMPORAL_TEST_LOG as LogLevel | undefined) ?? level) });
}
