/**
 * Sessions: a random 32-byte token in an HttpOnly, SameSite=Strict cookie; only its SHA-256 is stored, so a copy of
 * the GeoPackage does not hand out live sessions. Each session has its own CSRF token, which every state-changing
 * request must echo in `X-CSRF-Token` (SameSite=Strict already stops cross-site cookies; the token also stops a
 * same-site page or a subdomain on the intranet from writing).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { User } from '../domain/users.ts';
import { errorBody } from '../routes/errors.ts';
import type { ParcelStore } from '../store/parcel-store.ts';

export const SESSION_COOKIE = 'pcm_session';
export const CSRF_HEADER = 'X-CSRF-Token';
const SESSION_HOURS = 12;

export interface AppEnvironment {
  Variables: { user: User | undefined; csrfToken: string | undefined; sessionTokenHash: string | undefined };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function startSession(c: Context<AppEnvironment>, store: ParcelStore, user: User): string {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  store.accounts.createSession(hashToken(token), {
    userId: user.id,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600 * 1000).toISOString(),
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: SESSION_HOURS * 3600,
  });
  return csrfToken;
}

export function endSession(c: Context<AppEnvironment>, store: ParcelStore): void {
  const tokenHash = c.get('sessionTokenHash');
  if (tokenHash) store.accounts.deleteSession(tokenHash);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** Reads the session cookie, if any, into `c.var.user` and `c.var.csrfToken`. Never refuses by itself. */
export function readSession(store: ParcelStore): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const tokenHash = hashToken(token);
      const { session, user } = store.accounts.findSignedIn(tokenHash) ?? {};
      if (session && user && !user.disabled && Date.parse(session.expiresAt) > Date.now()) {
        c.set('user', {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          villages: user.villages,
        });
        c.set('csrfToken', session.csrfToken);
        c.set('sessionTokenHash', tokenHash);
      } else if (session) {
        store.accounts.deleteSession(tokenHash);
      }
    }
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 401 without a session; for a state-changing method also 403 without the session's CSRF token. */
export function requireSession(): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    if (!c.get('user')) {
      return c.json(errorBody({ zh: '请先登录', en: 'Please sign in' }), 401);
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('Origin');
      if (origin && new URL(origin).host !== new URL(c.req.url).host) {
        return c.json(
          errorBody({ zh: '跨站请求被拒绝', en: 'Cross-site request refused' }, [
            { field: 'Origin', value: origin, zh: '来源与本站不一致', en: 'origin does not match this site' },
          ]),
          403,
        );
      }
      if (c.req.header(CSRF_HEADER) !== c.get('csrfToken')) {
        return c.json(
          errorBody(
            { zh: '缺少或错误的 CSRF 令牌，请刷新页面', en: 'Missing or wrong CSRF token; reload the page' },
            [
              {
                field: CSRF_HEADER,
                value: c.req.header(CSRF_HEADER) ?? '',
                zh: '令牌无效',
                en: 'invalid token',
              },
            ],
          ),
          403,
        );
      }
    }
    await next();
  };
}
