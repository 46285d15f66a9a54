import { MIN_PASSWORD_LENGTH, setAdminPassword } from '../../services/admin/passwords.js';
import { flag, type CommandSpec } from '../command.js';
import { readPassword } from '../io.js';

// `tenure admin set-password`: stores an admin's scrypt hash, used to re-authenticate lock and unlock.
export const adminSetPassword: CommandSpec = {
  path: ['admin', 'set-password'],
  summary: `Set (or replace) an admin's password, at least ${MIN_PASSWORD_LENGTH} characters.`,
  args: ['adminId'],
  options: { 'password-stdin': { type: 'boolean', description: 'read the password from stdin instead of prompting twice' } },
  details: "The password is never a flag. In scripts: printf '%s\\n' \"$PW\" | tenure admin set-password alice --password-stdin",
  async run(ctx, input) {
    const adminId = input.positionals[0]!;
    const password = await readPassword(ctx, { fromStdin: flag(input, 'password-stdin'), prompt: `New password for admin ${adminId}: `, confirm: true, path: this.path });
    await setAdminPassword(ctx.db(), adminId, password);
    ctx.out(`password set for admin ${adminId}`);
  },
};
