// The roles a token can carry (ARCHITECTURE.md section 6). The API checks them; the CLI mints them.
export const ROLES = ['tenant_user', 'tenant_owner', 'platform_admin', 'service'] as const;
export type Role = (typeof ROLES)[number];
