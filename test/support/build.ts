import { beforeAll } from 'vitest';
import { runBash } from './dev-scripts.js';

/**
 * Registers a beforeAll hook that builds dist/ as `npm run build` does (dev/build), without its type
 * check: the emitted JavaScript is the same, and npm test's static checks type-check already. Register
 * it before useE2E, so the processes start from this build.
 */
export function useCompiledBuild(): void {
  beforeAll(async () => {
    const build = await runBash(['dev/build', '--skip-typecheck'], {}, 170_000);
    if (build.code !== 0) throw new Error(`npm run build failed (${build.code}):\n${build.stdout}${build.stderr}`);
  });
}
