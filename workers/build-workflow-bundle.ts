// Build step (dev/build runs it compiled, as dist/workers/build-workflow-bundle.js): bundles the
// compiled workflows once and writes the bundle where the compiled worker looks for it, so a worker
// starts in seconds instead of running webpack at every start.
import { writeFileSync } from 'node:fs';
import { bundleWorkflows, PREBUILT_BUNDLE_PATH } from './create-worker.js';

const { code } = await bundleWorkflows();
writeFileSync(PREBUILT_BUNDLE_PATH, code);
process.stdout.write(`    workflow bundle written: ${PREBUILT_BUNDLE_PATH} (${Math.round(code.length / 1024)} KiB)\n`);
