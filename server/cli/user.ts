/**
 * `npm run user -- <command>`: manage the users of the store (PARK_STORE, default data/park.gpkg).
 *
 *   add <username> --role hq|team|viewer [--villages V01,V02] [--name 显示名]
 *   passwd <username>
 *   disable <username>      enable <username>      list
 *
 * The password is asked for twice on a terminal, or read from the first line of standard input otherwise
 * (`echo "$PASSWORD" | npm run user -- passwd hq`). It never appears on the command line.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { hashPassword } from '../auth/passwords.ts';
import { readConfig } from '../config.ts';
import { isRole } from '../domain/users.ts';
import { GeoPackageStore } from '../store/geopackage-store.ts';

const MINIMUM_PASSWORD_LENGTH = 10;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  const iterator = lines[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string> => {
    if (process.stdin.isTTY) process.stderr.write(prompt);
    const { value } = await iterator.next();
    return typeof value === 'string' ? value : '';
  };
  const password = await ask('密码 Password: ');
  if (process.stdin.isTTY && (await ask('再次输入 Repeat: ')) !== password)
    fail('两次输入不一致 / The passwords differ');
  lines.close();
  if (password.length < MINIMUM_PASSWORD_LENGTH) {
    fail(
      `密码至少 ${MINIMUM_PASSWORD_LENGTH} 个字符 / A password needs at least ${MINIMUM_PASSWORD_LENGTH} characters`,
    );
  }
  return password;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, villages: { type: 'string' }, name: { type: 'string' } },
});
const [command, username] = positionals;
const store = GeoPackageStore.open(readConfig().storePath);
try {
  switch (command) {
    case 'add': {
      if (!username) fail('usage: add <username> --role hq|team|viewer [--villages V01,V02] [--name 显示名]');
      const role = values.role ?? '';
      if (!isRole(role))
        fail(`--role 必须是 hq、team 或 viewer / --role must be hq, team or viewer (got "${role}")`);
      const villages = (values.villages ?? '').split(',').filter((code) => code.length > 0);
      const known = new Set(store.villages().map((village) => village.code));
      const unknown = villages.filter((code) => !known.has(code));
      if (unknown.length > 0) fail(`未知的村 / unknown villages: ${unknown.join(', ')}`);
      if (role === 'team' && villages.length === 0)
        fail('工作队账号必须指定 --villages / a team needs --villages');
      if (store.accounts.findUserByName(username)) fail(`用户已存在 / user exists: ${username}`);
      const passwordHash = await hashPassword(await readPassword());
      store.accounts.addUser({
        username,
        displayName: values.name ?? username,
        role,
        villages,
        passwordHash,
      });
      console.log(`added ${username} (${role}${villages.length > 0 ? `: ${villages.join(',')}` : ''})`);
      break;
    }
    case 'passwd': {
      if (!username || !store.accounts.findUserByName(username))
        fail(`没有该用户 / no such user: ${username ?? ''}`);
      store.accounts.setPasswordHash(username, await hashPassword(await readPassword()));
      console.log(`password changed for ${username}; their sessions were ended`);
      break;
    }
    case 'disable':
    case 'enable': {
      if (!username || !store.accounts.setDisabled(username, command === 'disable')) {
        fail(`没有该用户 / no such user: ${username ?? ''}`);
      }
      console.log(`${command}d ${username}`);
      break;
    }
    case 'list':
      for (const user of store.accounts.listUsers()) {
        console.log(
          [
            user.username,
            user.role,
            user.villages.join(','),
            user.disabled ? 'disabled' : 'active',
            user.displayName,
          ].join('\t'),
        );
      }
      break;
    default:
      fail('usage: npm run user -- add|passwd|disable|enable|list …');
  }
} finally {
  store.close();
}
