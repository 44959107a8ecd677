import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnvironment } from '../auth/session.ts';
import { AXES, type Axis } from '../domain/statuses.ts';
import { canBulkChange } from '../domain/users.ts';
import type { ChangeFailure, ParcelStore, StatusChange, StoreChange } from '../store/parcel-store.ts';
import { type ErrorDetail, errorBody } from './errors.ts';
import { readParcelWrite } from './parcel-write.ts';
import { eventTime, expectedVersion, readJsonObject, requiredText } from './request-body.ts';

const BULK_LIMIT = 5000;
const FEED_LIMIT = 200;

function parseAxis(body: Record<string, unknown>, errors: ErrorDetail[]): Axis {
  const axis = body.axis;
  if (!AXES.some((candidate) => candidate.code === axis)) {
    errors.push({
      field: 'axis',
      value: String(axis ?? ''),
      zh: '必须是 signing 或 clearance',
      en: 'must be signing or clearance',
    });
  }
  return axis as Axis;
}

function parseTarget(body: Record<string, unknown>, errors: ErrorDetail[]): string {
  if (typeof body.to !== 'string' || body.to.length === 0) {
    errors.push({
      field: 'to',
      value: String(body.to ?? ''),
      zh: '缺少目标状态',
      en: 'target status is required',
    });
    return '';
  }
  return body.to;
}

/** 409 body for refused changes: the rule (or staleness) per parcel, with the current record. */
function conflictBody(failures: readonly ChangeFailure[]) {
  const first = failures[0];
  return {
    ...errorBody(
      first?.message ?? { zh: '修改被拒绝', en: 'Change refused' },
      failures.map((failure) => ({
        field: failure.reason === 'stale' ? 'If-Match' : failure.reason === 'illegal' ? 'to' : 'id',
        value: String(failure.parcelId),
        zh: failure.message.zh,
        en: failure.message.en,
      })),
    ),
    failures,
    current: first && 'current' in first ? first.current : undefined,
  };
}

type SseMessage = { id: string; event: string; data: string };
/** Each published change is serialised once, not once per open stream (every map on a wall screen has one). */
const serialised = new WeakMap<StoreChange, SseMessage>();

function sseMessage(change: StoreChange): SseMessage {
  let message = serialised.get(change);
  if (!message) {
    message = { id: String(change.event.id), event: 'change', data: JSON.stringify(change) };
    serialised.set(change, message);
  }
  return message;
}

/** Status changes, the audit log and the live feed. */
export function changeRoutes(store: ParcelStore) {
  return new Hono<AppEnvironment>()
    .post('/parcels/:id/transitions', async (c) => {
      const write = await readParcelWrite(c, store);
      if (!write.ok) return write.response;
      const { user, record, body } = write;
      const errors: ErrorDetail[] = [];
      const axis = parseAxis(body, errors);
      const to = parseTarget(body, errors);
      const note = requiredText(body, 'note', '说明', 'note', errors);
      const at = eventTime(body, errors);
      const version = expectedVersion(c.req.header('If-Match'));
      if (Number.isNaN(version)) {
        errors.push({
          field: 'If-Match',
          value: c.req.header('If-Match') ?? '',
          zh: '版本号格式无效',
          en: 'invalid version',
        });
      }
      if (errors.length > 0)
        return c.json(errorBody({ zh: '请求内容有误', en: 'Invalid request' }, errors), 400);
      const change: StatusChange = {
        parcelId: record.summary.id,
        axis,
        to,
        note,
        at,
        expectedVersion: version,
      };
      const result = await store.applyStatusChanges([change], user);
      if (!result.ok) return c.json(conflictBody(result.failures), 409);
      const parcel = result.parcels[0];
      c.header('ETag', `"v${parcel?.version}"`);
      return c.json({ parcel, events: result.events }, 201);
    })
    .post('/transitions/bulk', async (c) => {
      const user = c.get('user');
      if (!user) return c.json(errorBody({ zh: '请先登录', en: 'Please sign in' }), 401);
      const permission = canBulkChange(user);
      if (!permission.allowed) return c.json(errorBody(permission.message), 403);
      const body = await readJsonObject(c);
      if (!body)
        return c.json(errorBody({ zh: '请求体必须是 JSON 对象', en: 'The body must be a JSON object' }), 400);
      const errors: ErrorDetail[] = [];
      const parcelIds = body.parcelIds;
      if (
        !Array.isArray(parcelIds) ||
        parcelIds.length === 0 ||
        parcelIds.length > BULK_LIMIT ||
        !parcelIds.every((id) => Number.isInteger(id)) ||
        new Set(parcelIds).size !== parcelIds.length
      ) {
        errors.push({
          field: 'parcelIds',
          value: Array.isArray(parcelIds) ? `${parcelIds.length} items` : String(parcelIds),
          zh: `必须是 1–${BULK_LIMIT} 个不重复的地块编号`,
          en: `must be 1–${BULK_LIMIT} distinct parcel ids`,
        });
      }
      const axis = parseAxis(body, errors);
      const to = parseTarget(body, errors);
      const note = requiredText(body, 'note', '说明', 'note', errors);
      const at = eventTime(body, errors);
      if (errors.length > 0)
        return c.json(errorBody({ zh: '请求内容有误', en: 'Invalid request' }, errors), 400);
      const changes = (parcelIds as number[]).map((parcelId) => ({ parcelId, axis, to, note, at }));
      const result = await store.applyStatusChanges(changes, user);
      if (!result.ok) return c.json(conflictBody(result.failures), 409);
      return c.json({ parcels: result.parcels, events: result.events }, 201);
    })
    .get('/parcels/:id/events', (c) => {
      const record = store.parcel(Number(c.req.param('id')));
      if (!record) return c.json(errorBody({ zh: '地块不存在', en: 'Parcel not found' }), 404);
      return c.json({ parcel: record.summary, events: store.events({ parcelId: record.summary.id }) });
    })
    .get('/events', (c) => {
      const limit = Math.min(FEED_LIMIT, Math.max(1, Number(c.req.query('limit') ?? 20) || 20));
      return c.json({ events: store.events({ newestFirst: true, limit }), asOf: store.asOf() });
    })
    .get('/events/stream', (c) => {
      const lastEventId = Number(c.req.header('Last-Event-ID') ?? c.req.query('lastEventId') ?? Number.NaN);
      return streamSSE(c, async (stream) => {
        const pending: StoreChange[] = [];
        let wake: (() => void) | undefined;
        const unsubscribe = store.subscribe((change) => {
          pending.push(change);
          wake?.();
        });
        // One keep-alive timer per stream: a comment line every 15 s keeps proxies from closing an idle stream.
        const keepAlive = setInterval(() => {
          void stream.write(': keep-alive\n\n');
        }, 15_000);
        stream.onAbort(() => {
          clearInterval(keepAlive);
          unsubscribe();
          wake?.();
        });
        // Subscribe first, then catch up from the log: nothing committed in between can be missed, and an event
        // both in the log and in `pending` is sent once (ids only go up).
        let sentUpTo = Number.isFinite(lastEventId) ? lastEventId : Number.POSITIVE_INFINITY;
        if (Number.isFinite(lastEventId)) {
          for (const event of store.events({ afterId: lastEventId })) {
            const parcel = store.parcel(event.parcelId)?.summary;
            if (!parcel) continue;
            const problem = event.problemId === null ? null : (store.problem(event.problemId) ?? null);
            await stream.writeSSE(sseMessage({ event, parcel, problem }));
            sentUpTo = event.id;
          }
        }
        await stream.writeSSE({
          event: 'ready',
          data: JSON.stringify({ asOf: store.asOf(), revision: store.revision() }),
        });
        while (!stream.aborted) {
          const change = pending.shift();
          if (change) {
            if (!(change.event.id <= sentUpTo && Number.isFinite(sentUpTo)))
              await stream.writeSSE(sseMessage(change));
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      });
    });
}
