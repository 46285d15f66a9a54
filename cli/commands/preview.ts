import { PREVIEW_INPUT_TYPES, type PreviewInputRequest, type PreviewInputType } from '../../domain/lifecycle/preview-inputs.js';
import { previewTenant } from '../../services/admin/preview-tenant.js';
import { JSON_OPTION, UsageError, flag, optString, reqString, type CommandSpec, type ParsedInput } from '../command.js';
import { formatTable, printJson, shortDate } from '../io.js';

// `tenure tenants preview`: the what-if preview (the same use case as POST /admin/tenants/:id/preview).
// Each --input is TYPE[:ARG][@WHEN]: ARG is the plan of an upgrade or downgrade, the duration of
// extend_trial or lock, the reason of cancel or suspend; WHEN is a duration from now (3d) or an ISO
// date-time. Nothing is changed.

const path = ['tenants', 'preview'];
const WITH_PLAN: PreviewInputType[] = ['upgrade', 'downgrade'];
const WITH_DURATION: PreviewInputType[] = ['extend_trial', 'lock'];

/** One --input as the route's body item. */
export function parsePreviewInput(text: string): PreviewInputRequest {
  const at = text.indexOf('@');
  const head = at < 0 ? text : text.slice(0, at);
  const when = at < 0 ? undefined : text.slice(at + 1);
  const colon = head.indexOf(':');
  const type = (colon < 0 ? head : head.slice(0, colon)) as PreviewInputType;
  const arg = colon < 0 ? undefined : head.slice(colon + 1);
  if (!PREVIEW_INPUT_TYPES.includes(type)) throw new UsageError(`--input '${text}': the type must be one of ${PREVIEW_INPUT_TYPES.join(', ')}`, path);
  const req: PreviewInputRequest = { type };
  if (when) Object.assign(req, /^\d{4}-/.test(when) ? { at: when } : { after: when });
  if (arg !== undefined) Object.assign(req, WITH_PLAN.includes(type) ? { planId: arg } : WITH_DURATION.includes(type) ? { duration: arg } : { reason: arg });
  return req;
}

function inputsOf(input: ParsedInput): PreviewInputRequest[] {
  const v = input.values.input;
  return (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).map(parsePreviewInput);
}

export const tenantsPreview: CommandSpec = {
  path,
  summary: 'What-if: run a tenant forward through scripted inputs and its deadlines, with a fake clock. Changes nothing.',
  args: ['tenantId'],
  options: {
    input: { type: 'string', multiple: true, value: 'TYPE[:ARG][@WHEN]', description: `an input (repeatable): ${PREVIEW_INPUT_TYPES.join(', ')}` },
    until: { type: 'string', value: 'when', description: 'the end: a duration from now (30d) or an ISO date-time; required' },
    admin: { type: 'string', value: 'adminId', description: 'recorded as the actor of scripted admin inputs (default cli)' },
    ...JSON_OPTION,
  },
  details: 'Examples:\n  tenure tenants preview acme --input payment_failed --until 20d\n  tenure tenants preview acme --input downgrade:starter@1h --input payment_failed@3d --until 60d',
  async run(ctx, input) {
    const tenantId = input.positionals[0]!;
    const until = reqString(input, 'until', path);
    const deps = { ...(await ctx.adminDeps()), redis: ctx.redis() };
    const view = await previewTenant(deps, tenantId, { inputs: inputsOf(input), until, actor: optString(input, 'admin') ?? 'cli' });
    if (flag(input, 'json')) return printJson(ctx, view);
    const rows = view.timeline.map((s) => [shortDate(s.at), s.input, s.status, s.paymentStatus, s.access, s.planId, s.refused ? `refused: ${s.refused.code}` : s.events.map((e) => e.type).join(', ')]);
    ctx.out(formatTable(['AT', 'INPUT', 'STATUS', 'PAYMENT', 'ACCESS', 'PLAN', 'EVENTS'], rows));
    ctx.err(`${view.timeline.length} step(s) from ${shortDate(view.from)} until ${shortDate(view.until)}${view.truncated ? ' (cut short: too many steps)' : ''}; final: ${view.final.paymentStatus}, access ${view.final.access}, plan ${view.final.planId}`);
  },
};
