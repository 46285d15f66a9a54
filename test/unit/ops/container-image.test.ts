import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The Dockerfile, checked without a Docker engine: built with every dependency, run with the
// production ones alone, from dist/ through ops/run-compiled under tini, as a user other than root.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const stages = read('Dockerfile').split(/^FROM /m).slice(1).map((text) => ({ name: /^\S+ AS (\S+)/.exec(text)![1]!, text }));
const stage = (name: string) => stages.find((s) => s.name === name)!.text;

describe('the Dockerfile', () => {
  it('has a build, a production-dependencies and a run stage, in that order', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'production-deps', 'run']);
  });

  it('compiles in the build stage and installs only production dependencies for the run stage', () => {
    expect(stage('build')).toMatch(/^RUN npm ci --no-audit --no-fund$/m);
    expect(stage('build')).toMatch(/^RUN npm run build$/m);
    expect(stage('production-deps')).toMatch(/^RUN npm ci --omit=dev /m);
  });

  it('runs dist/ from the production node_modules, as the node user, under tini', () => {
    const run = stage('run');
    expect(run).toContain('COPY --from=production-deps /app/node_modules ./node_modules');
    expect(run).toContain('COPY --from=build /app/dist ./dist');
    expect(run).not.toMatch(/COPY --from=build \/app\/node_modules/);
    expect(run).toMatch(/^USER node$/m);
    expect(run).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--", "\/app\/ops\/run-compiled"\]$/m);
    expect(run).toMatch(/^CMD \["api"\]$/m);
  });

  it('keeps dependencies, the build output, the stack and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', '.stack', '.env']));
  });
});
