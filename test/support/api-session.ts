/**
 * Signing in through the real `/api/session` route, then sending requests with the session cookie and the CSRF
 * token, as the web client does.
 */

import type { createApp } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import type { Role } from '../../server/domain/transitions.ts';
import type { ParcelStore } from '../../server/store/parcel-store.ts';
import { temporaryStore } from './test-park.ts';

export type App = ReturnType<typeof createApp>;
export const TEST_PASSWORD = 'correct horse battery';

export async function addTestUser(store: ParcelStore, username: string, role: Role, villages: string[] = []) {
  return store.accounts.addUser({
    username,
    displayName: username,
    role,
    villages,
    passwordHash: await hashPassword(TEST_PASSWORD),
  });
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** `app.request` with the session cookie, and the CSRF token on every request. */
  request: (path: string, init?: RequestInit) => Promise<Response>;
  /** JSON body helper for writes. */
  send: (method: string, path: string, body: unknown, headers?: Record<string, string>) => Promise<Response>;
}

export async function signIn(app: App, username: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const response = await app.request('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('Set-Cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const request = async (path: string, init: RequestInit = {}): Promise<Response> =>
    await app.request(path, {
      ...init,
      headers: {
        Cookie: cookie,
        'X-CSRF-Token': csrfToken,
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  return {
    cookie,
    csrfToken,
    request,
    send: (method, path, body, headers = {}) =>
      request(path, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
  };
}

/** A fresh store and app per case, with a signed-in user of the given role (hq by default). */
export async function withSignedInApp(
  run: (context: { app: App; store: ParcelStore; storePath: string; session: SignedIn }) => Promise<void>,
  role: Role = 'hq',
  villages: string[] = [],
): Promise<void> {
  const { createApp } = await import('../../server/app.ts');
  const temporary = temporaryStore();
  try {
    const app = createApp(temporary.store);
    await addTestUser(temporary.store, `test-${role}`, role, villages);
    const session = await signIn(app, `test-${role}`);
    await run({ app, store: temporary.store, storePath: temporary.path, session });
  } finally {
    temporary.remove();
  }
}
