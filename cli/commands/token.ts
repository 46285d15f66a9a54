import { signAccessToken } from '../../services/auth/access-token.js';
import { formatDuration } from '../../domain/durations.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { optDuration, optString, reqString, UsageError, type CommandSpec } from '../command.js';

// `tenure token`: mints a bearer token with the configured JWT_SECRET, for local use, demos and
// scripts (open /billing#token=..., call the API with curl). Whoever holds the secret can do this.
export const token: CommandSpec = {
  path: ['token'],
  summary: 'Print a signed bearer token for a role (and a tenant, for tenant roles).',
  options: {
    role: { type: 'string', value: 'role', description: `one of: ${ROLES.join(', ')}` },
    tenant: { type: 'string', value: 'tenantId', description: 'the tenant the token acts for (required for tenant_user and tenant_owner)' },
    sub: { type: 'string', value: 'subject', description: 'the user or service id (default: cli)' },
    ttl: { type: 'string', value: 'duration', description: 'lifetime, e.g. 1h or 30m (default 1h; at most JWT_MAX_TTL, or JWT_SERVICE_MAX_TTL for service)' },
  },
  details: 'Example: open "http://127.0.0.1:3000/billing#token=$(npx tenure token --role tenant_owner --tenant acme)"',
  async run(ctx, input) {
    const role = reqString(input, 'role', this.path) as Role;
    if (!ROLES.includes(role)) throw new UsageError(`unknown role '${role}': use one of ${ROLES.join(', ')}`, this.path);
    const tenantId = optString(input, 'tenant') ?? null;
    if (role.startsWith('tenant_') && !tenantId) throw new UsageError(`--tenant is required for ${role}`, this.path);
    const { auth } = ctx.config;
    const ttlMs = optDuration(input, 'ttl', this.path) ?? Math.min(3_600_000, auth.maxTtlMs);
    // The API refuses a token living longer than its cap, so the CLI never mints one.
    const [cap, capName] = role === 'service' ? [auth.serviceMaxTtlMs, 'JWT_SERVICE_MAX_TTL'] : [auth.maxTtlMs, 'JWT_MAX_TTL'];
    if (ttlMs > cap) throw new UsageError(`--ttl is longer than ${capName} (${formatDuration(cap)}) allows for ${role}`, this.path);
    if (ttlMs < 1000) throw new UsageError('--ttl must be at least 1s', this.path);
    ctx.out(signAccessToken(auth.jwtSecret, { sub: optString(input, 'sub') ?? 'cli', tenantId, roles: [role] }, ttlMs, { issuer: auth.issuer, audience: auth.audience }));
  },
};
