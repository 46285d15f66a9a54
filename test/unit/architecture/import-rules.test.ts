// The floors of docs/architecture.md, checked over the real import graph of the source tree: a new
// import that runs the wrong way fails here, with the offending file and import named.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCE = ['activities', 'api', 'cli', 'client', 'config', 'db', 'domain', 'services', 'web', 'workers', 'workflows'];

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) return filesUnder(rel);
    return /\.(ts|mjs|js)$/.test(name) ? [rel] : [];
  });
}

interface Edge { from: string; to: string; typeOnly: boolean }

/** Every relative import of every source file, resolved to a path from the repository root. */
function importGraph(): Edge[] {
  return SOURCE.flatMap(filesUnder).flatMap((from) => {
    const text = readFileSync(join(ROOT, from), 'utf8');
    return [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)].map((m) => ({
      from, typeOnly: Boolean(m[1]), to: normalize(join(dirname(from), m[2]!)).replace(/\.js$/, '.ts'),
    }));
  });
}

/** Bare package imports of one folder's files. */
function packagesOf(dir: string): { from: string; pkg: string }[] {
  return filesUnder(dir).flatMap((from) => [...readFileSync(join(ROOT, from), 'utf8').matchAll(/^(?:import|export)\s+(?!type\s)[^'"]*?from\s+'([^.'][^']*)'/gm)].map((m) => ({ from, pkg: m[1]! })));
}

const floor = (path: string) => path.split('/')[0]!;
const graph = importGraph();
const show = (edges: Edge[]) => edges.map((e) => `${e.from} -> ${e.to}`);

describe('import rules (docs/architecture.md)', () => {
  it('reads a realistic graph', () => {
    expect(graph.length).toBeGreaterThan(300);
    expect(graph.some((e) => e.from === 'api/app.ts' && e.to === 'api/errors.ts')).toBe(true);
  });

  it('keeps the entry points off activities/: they call services/ (the worker factory only registers them)', () => {
    // The billing worker factory registers the activities; entry points hand it clients, nothing else reaches them.
    const allowed = (e: Edge) => e.from === 'workers/create-worker.ts' && e.to === 'activities/index.ts';
    expect(show(graph.filter((e) => ['api', 'cli', 'workers'].includes(floor(e.from)) && floor(e.to) === 'activities' && !allowed(e)))).toEqual([]);
  });

  it('lets nothing outside api/ import api/', () => {
    expect(show(graph.filter((e) => floor(e.from) !== 'api' && floor(e.to) === 'api'))).toEqual([]);
  });

  it('keeps services/ below the entry points and the activities', () => {
    expect(show(graph.filter((e) => floor(e.from) === 'services' && ['api', 'cli', 'workers', 'activities'].includes(floor(e.to))))).toEqual([]);
  });

  it('keeps the workflows deterministic: only domain/, workflows/ and Temporal\'s workflow packages', () => {
    expect(show(graph.filter((e) => floor(e.from) === 'workflows' && !['domain', 'workflows'].includes(floor(e.to))))).toEqual([]);
    const pkgs = packagesOf('workflows').filter((p) => !['@temporalio/workflow', '@temporalio/common'].includes(p.pkg));
    expect(pkgs).toEqual([]);
  });

  it('keeps domain/ pure: it imports only domain/ and no package', () => {
    expect(show(graph.filter((e) => floor(e.from) === 'domain' && floor(e.to) !== 'domain'))).toEqual([]);
    expect(packagesOf('domain')).toEqual([]);
  });

  it('has no circle of files', () => {
    const out = new Map<string, string[]>();
    for (const e of graph) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') { circles.push([...path.slice(path.indexOf(file)), file].join(' -> ')); return; }
      state.set(file, 'open');
      for (const next of out.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of out.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('lets the compiled code (tsconfig.build.json) import only the packages the image installs: dependencies, not devDependencies', () => {
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { include: string[] };
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
    const imports = build.include.flatMap(packagesOf).filter((p) => !p.pkg.startsWith('node:'));
    expect(imports.length).toBeGreaterThan(50);
    expect(imports.filter((p) => !(packageName(p.pkg) in dependencies)).map((p) => `${p.from} -> ${p.pkg}`)).toEqual([]);
  });

  it('names only files that exist', () => {
    const missing = graph.filter((e) => { try { return !statSync(join(ROOT, e.to)).isFile(); } catch { return !statSync(join(ROOT, e.to.replace(/\.ts$/, '.js')), { throwIfNoEntry: false }); } });
    expect(show(missing).map((s) => relative('.', s))).toEqual([]);
  });
});
