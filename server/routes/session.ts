import { Hono } from 'hono';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { UNUSABLE_PASSWORD_HASH, verifyPassword } from '../auth/passwords.ts';
import { type AppEnvironment, endSession, requireSession, startSession } from '../auth/session.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import { errorBody } from './errors.ts';
import { readJsonObject } from './request-body.ts';

function clientAddress(
  c: { req: { header: (name: string) => string | undefined } },
  fallback: string,
): string {
  return c.req.header('X-Forwarded-For')?.split(',')[0]?.trim() || fallback;
}

/** `POST /api/session` signs in, `GET` tells who is signed in (and the CSRF token), `DELETE` signs out. */
export function sessionRoutes(store: ParcelStore, throttle = new LoginThrottle()) {
  return new Hono<AppEnvironment>()
    .get('/', (c) => {
      const user = c.get('user');
      if (!user) return c.json(errorBody({ zh: '未登录', en: 'Not signed in' }), 401);
      return c.json({ user, csrfToken: c.get('csrfToken') as string });
    })
    .post('/', async (c) => {
      const body = await readJsonObject(c);
      const username = typeof body?.username === 'string' ? body.username.trim() : '';
      const password = typeof body?.password === 'string' ? body.password : '';
      if (!username || !password) {
        return c.json(
          errorBody({ zh: '请输入用户名和密码', en: 'Enter a username and a password' }, [
            ...(username ? [] : [{ field: 'username', value: '', zh: '不能为空', en: 'required' }]),
            ...(password ? [] : [{ field: 'password', value: '', zh: '不能为空', en: 'required' }]),
          ]),
          400,
        );
      }
      // Node's adapter exposes the socket address through the incoming request; tests have none.
      const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
        ?.incoming;
      const address = clientAddress(c, incoming?.socket?.remoteAddress ?? 'local');
      const retryAfter = throttle.retryAfterSeconds(username, address);
      if (retryAfter > 0) {
        c.header('Retry-After', String(retryAfter));
        return c.json(
          errorBody({
            zh: `登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`,
            en: `Too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minutes`,
          }),
          429,
        );
      }
      const user = store.accounts.findUserByName(username);
      const valid = await verifyPassword(password, user?.passwordHash ?? UNUSABLE_PASSWORD_HASH);
      if (!user || !valid || user.disabled) {
        throttle.recordFailure(username, address);
        return c.json(
          errorBody({
            zh: '用户名或密码错误，或账号已停用',
            en: 'Wrong username or password, or the account is disabled',
          }),
          401,
        );
      }
      throttle.recordSuccess(username);
      const { passwordHash: _hash, disabled: _disabled, ...publicUser } = user;
      const csrfToken = startSession(c, store, publicUser);
      return c.json({ user: publicUser, csrfToken });
    })
    .delete('/', requireSession(), (c) => {
      endSession(c, store);
      return c.json({ signedOut: true });
    });
}
