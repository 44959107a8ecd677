/** Users and sessions, behind an interface like the parcels: the auth routes never see SQL. */
import type { Database } from 'better-sqlite3';
import type { Role } from '../domain/transitions.ts';
import type { User } from '../domain/users.ts';

export interface StoredUser extends User {
  passwordHash: string;
  disabled: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  villages: string[];
  passwordHash: string;
}

export interface StoredSession {
  userId: number;
  csrfToken: string;
  expiresAt: string;
}

export interface AccountStore {
  findUserByName(username: string): StoredUser | undefined;
  findUserById(id: number): StoredUser | undefined;
  listUsers(): StoredUser[];
  addUser(user: NewUser): StoredUser;
  setPasswordHash(username: string, passwordHash: string): boolean;
  setDisabled(username: string, disabled: boolean): boolean;
  createSession(tokenHash: string, session: StoredSession & { createdAt: string }): void;
  findSession(tokenHash: string): StoredSession | undefined;
  /** The session and its (possibly disabled) user, as every signed-in request reads them: cached in memory. */
  findSignedIn(tokenHash: string): { session: StoredSession; user: StoredUser } | undefined;
  deleteSession(tokenHash: string): void;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  villages: string;
  password_hash: string;
  disabled: number;
}

function toUser(row: UserRow): StoredUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    villages: row.villages.split(',').filter((code) => code.length > 0),
    passwordHash: row.password_hash,
    disabled: row.disabled === 1,
  };
}

/** More live sessions than this in memory means something is wrong; the cache then starts over. */
const SIGNED_IN_CACHE_LIMIT = 10_000;

export class SqliteAccountStore implements AccountStore {
  /** Statements read on every request are prepared once. */
  private readonly findSessionStatement;
  private readonly findUserByIdStatement;
  private readonly dataVersionStatement;
  /**
   * Sessions found, by token hash: two queries per request were a tenth of a status change's server time (issue #3).
   * This connection's own changes update the cache in the methods below. Another process writing the file (the
   * `npm run user` CLI disabling someone) bumps SQLite's `PRAGMA data_version`, which is checked on every lookup
   * (no table is read) and empties the cache.
   */
  private readonly signedIn = new Map<string, { session: StoredSession; user: StoredUser }>();
  private dataVersion: number;

  constructor(private readonly database: Database) {
    this.findSessionStatement = database.prepare(
      'SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?',
    );
    this.findUserByIdStatement = database.prepare('SELECT * FROM users WHERE id = ?');
    this.dataVersionStatement = database.prepare('PRAGMA data_version').pluck();
    this.dataVersion = this.dataVersionStatement.get() as number;
  }

  findUserByName(username: string): StoredUser | undefined {
    const row = this.database.prepare('SELECT * FROM users WHERE username = ?').get(username) as
      | UserRow
      | undefined;
    return row ? toUser(row) : undefined;
  }

  findUserById(id: number): StoredUser | undefined {
    const row = this.findUserByIdStatement.get(id) as UserRow | undefined;
    return row ? toUser(row) : undefined;
  }

  listUsers(): StoredUser[] {
    return (this.database.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[]).map(toUser);
  }

  addUser(user: NewUser): StoredUser {
    const result = this.database
      .prepare(
        'INSERT INTO users (username, display_name, role, villages, password_hash) VALUES (?, ?, ?, ?, ?)',
      )
      .run(user.username, user.displayName, user.role, user.villages.join(','), user.passwordHash);
    return this.findUserById(Number(result.lastInsertRowid)) as StoredUser;
  }

  setPasswordHash(username: string, passwordHash: string): boolean {
    this.signedIn.clear();
    const changed = this.database.transaction(() => {
      const result = this.database
        .prepare('UPDATE users SET password_hash = ? WHERE username = ?')
        .run(passwordHash, username);
      // A new password ends every session of the old one.
      this.database
        .prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)')
        .run(username);
      return result.changes;
    })();
    return changed === 1;
  }

  setDisabled(username: string, disabled: boolean): boolean {
    this.signedIn.clear();
    const changed = this.database.transaction(() => {
      const result = this.database
        .prepare('UPDATE users SET disabled = ? WHERE username = ?')
        .run(disabled ? 1 : 0, username);
      if (disabled) {
        this.database
          .prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)')
          .run(username);
      }
      return result.changes;
    })();
    return changed === 1;
  }

  createSession(tokenHash: string, session: StoredSession & { createdAt: string }): void {
    this.database
      .prepare(
        'INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(tokenHash, session.userId, session.csrfToken, session.createdAt, session.expiresAt);
  }

  findSession(tokenHash: string): StoredSession | undefined {
    const row = this.findSessionStatement.get(tokenHash) as
      | { user_id: number; csrf_token: string; expires_at: string }
      | undefined;
    return row ? { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : undefined;
  }

  findSignedIn(tokenHash: string): { session: StoredSession; user: StoredUser } | undefined {
    const dataVersion = this.dataVersionStatement.get() as number;
    if (dataVersion !== this.dataVersion) {
      this.dataVersion = dataVersion;
      this.signedIn.clear();
    }
    const cached = this.signedIn.get(tokenHash);
    if (cached) return cached;
    const session = this.findSession(tokenHash);
    const user = session ? this.findUserById(session.userId) : undefined;
    if (!session || !user) return undefined;
    if (this.signedIn.size >= SIGNED_IN_CACHE_LIMIT) this.signedIn.clear();
    const found = { session, user };
    this.signedIn.set(tokenHash, found);
    return found;
  }

  deleteSession(tokenHash: string): void {
    this.signedIn.delete(tokenHash);
    this.database.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }
}
