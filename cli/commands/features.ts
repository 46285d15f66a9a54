import type { FeatureRecord } from '../../db/queries/features.js';
import { FEATURE_KINDS, type FeatureKind } from '../../domain/entitlements/features.js';
import { createFeature } from '../../services/features/create-feature.js';
import { deleteFeature } from '../../services/features/delete-feature.js';
import { listFeatures } from '../../services/features/list-features.js';
import { JSON_OPTION, UsageError, flag, optString, reqString, type CommandSpec } from '../command.js';
import type { CliContext } from '../context.js';
import { formatTable, printJson } from '../io.js';

// `tenure features list|create|delete`: the feature catalog, through the same use cases as /admin/features.

const writeDeps = (ctx: CliContext) => ({ db: ctx.db(), features: ctx.features() });

export const featuresList: CommandSpec = {
  path: ['features', 'list'],
  summary: 'List the feature catalog (what plans may grant and overrides may set), by key.',
  options: { ...JSON_OPTION },
  async run(ctx, input) {
    const features = await listFeatures({ db: ctx.db() });
    if (flag(input, 'json')) return printJson(ctx, { features });
    ctx.out(formatTable(['KEY', 'KIND', 'NAME', 'UNIT'], features.map((f) => [f.key, f.kind, f.name, f.unit ?? ''])));
    ctx.err(`${features.length} feature(s)`);
  },
};

const createPath = ['features', 'create'];
function kindOption(value: string, path: string[]): FeatureKind {
  if (!(FEATURE_KINDS as readonly string[]).includes(value)) throw new UsageError(`--kind must be one of ${FEATURE_KINDS.join(', ')}, got '${value}'`, path);
  return value as FeatureKind;
}

export const featuresCreate: CommandSpec = {
  path: createPath,
  summary: 'Add a feature to the catalog; its kind never changes afterwards.',
  args: ['key'],
  options: {
    name: { type: 'string', value: 'name', description: 'what people read, e.g. "Single sign-on" (required)' },
    kind: { type: 'string', value: 'kind', description: `${FEATURE_KINDS.join(' | ')} (required)` },
    unit: { type: 'string', value: 'unit', description: 'what a limit counts, e.g. MB' },
    description: { type: 'string', value: 'text', description: 'a longer explanation' },
    ...JSON_OPTION,
  },
  details: 'The key is a lowercase slug: a letter, then letters and digits in words joined by _ or -.\nExample: tenure features create sso --name "Single sign-on" --kind boolean',
  async run(ctx, input) {
    const unit = optString(input, 'unit');
    const description = optString(input, 'description');
    const feature = await createFeature(writeDeps(ctx), {
      key: input.positionals[0]!, name: reqString(input, 'name', createPath), kind: kindOption(reqString(input, 'kind', createPath), createPath),
      ...(unit === undefined ? {} : { unit }), ...(description === undefined ? {} : { description }),
    });
    if (flag(input, 'json')) return printJson(ctx, feature);
    ctx.out(describeCreated(feature));
  },
};

export const featuresDelete: CommandSpec = {
  path: ['features', 'delete'],
  summary: 'Remove a feature from the catalog; refused (FEATURE_IN_USE) while a plan or a tenant override names it.',
  args: ['key'],
  async run(ctx, input) {
    const key = input.positionals[0]!;
    await deleteFeature(writeDeps(ctx), key);
    ctx.out(`deleted feature ${key}`);
  },
};

function describeCreated(f: FeatureRecord): string {
  return `created feature ${f.key} (${f.kind}): ${f.name}${f.unit ? ` [${f.unit}]` : ''}`;
}

export const FEATURES: CommandSpec[] = [featuresList, featuresCreate, featuresDelete];
