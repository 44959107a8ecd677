/**
 * What every write on one household checks first, in this order: the parcel exists (404), the user may edit it —
 * hq anywhere, a team in its own villages (403) — and the body is a JSON object (400). One home for the rule, so
 * status changes and problem reports refuse alike.
 */
import type { Context } from 'hono';
import type { AppEnvironment } from '../auth/session.ts';
import type { User } from '../domain/users.ts';
import { canEditParcel } from '../domain/users.ts';
import type { ParcelRecord, ParcelStore } from '../store/parcel-store.ts';
import { errorBody } from './errors.ts';
import { readJsonObject } from './request-body.ts';

export type ParcelWrite =
  | { ok: true; user: User; record: ParcelRecord; body: Record<string, unknown> }
  | { ok: false; response: Response };

export async function readParcelWrite(c: Context<AppEnvironment>, store: ParcelStore): Promise<ParcelWrite> {
  const user = c.get('user');
  // `requireSession` runs before every write route; this only narrows the type.
  if (!user) return { ok: false, response: c.json(errorBody({ zh: '请先登录', en: 'Please sign in' }), 401) };
  const record = store.parcel(Number(c.req.param('id')));
  if (!record)
    return { ok: false, response: c.json(errorBody({ zh: '地块不存在', en: 'Parcel not found' }), 404) };
  const permission = canEditParcel(user, record.summary);
  if (!permission.allowed) return { ok: false, response: c.json(errorBody(permission.message), 403) };
  const body = await readJsonObject(c);
  if (!body) {
    return {
      ok: false,
      response: c.json(
        errorBody({ zh: '请求体必须是 JSON 对象', en: 'The body must be a JSON object' }),
        400,
      ),
    };
  }
  return { ok: true, user, record, body };
}
