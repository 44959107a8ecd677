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

export class SqliteAccountStore implements AccountStore {
  /** Statements read on every request are prepared once. */
  private readonly findSessionStatement;
  private readonly findUserByIdStatement;

  constructor(private readonly database: Database) {
    this.findSessionStatement = database.prepare(
      'SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?',
    );
    this.findUserByIdStatement = database.prepare('SELECT * FROM users WHERE id = ?');
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

  deleteSession(tokenHash: string): void {
    this.database.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }
}
