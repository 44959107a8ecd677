import { Hono } from 'hono';
import type { AppEnvironment } from '../auth/session.ts';
import { isProblemKind, PROBLEM_KINDS } from '../domain/problems.ts';
import { canManageProblems } from '../domain/users.ts';
import type { ParcelStore, ProblemResult } from '../store/parcel-store.ts';
import { type ErrorDetail, errorBody } from './errors.ts';
import { readParcelWrite } from './parcel-write.ts';
import { eventTime, expectedVersion, readJsonObject, requiredText } from './request-body.ts';

function problemResponseStatus(result: Extract<ProblemResult, { ok: false }>): 404 | 409 {
  return result.reason === 'not-found' ? 404 : 409;
}

/** 问题上报: a team reports a problem on a household; the command centre assigns and resolves it. */
export function problemRoutes(store: ParcelStore) {
  const update = (action: 'assign' | 'resolve') =>
    new Hono<AppEnvironment>().post('/', async (c) => {
      const user = c.get('user');
      if (!user) return c.json(errorBody({ zh: '请先登录', en: 'Please sign in' }), 401);
      const permission = canManageProblems(user);
      if (!permission.allowed) return c.json(errorBody(permission.message), 403);
      const body = await readJsonObject(c);
      if (!body)
        return c.json(errorBody({ zh: '请求体必须是 JSON 对象', en: 'The body must be a JSON object' }), 400);
      const errors: ErrorDetail[] = [];
      const assignee =
        action === 'assign' ? requiredText(body, 'assignee', '承办人', 'assignee', errors) : undefined;
      const note =
        action === 'resolve'
          ? requiredText(body, 'note', '办结说明', 'note', errors)
          : String(body.note ?? '');
      const at = eventTime(body, errors);
      const version = expectedVersion(c.req.header('If-Match'));
      if (errors.length > 0)
        return c.json(errorBody({ zh: '请求内容有误', en: 'Invalid request' }, errors), 400);
      const result = store.updateProblem(
        Number(c.req.param('id')),
        action,
        { assignee, note, at, expectedVersion: Number.isNaN(version) ? undefined : version },
        user,
      );
      if (!result.ok)
        return c.json(
          { ...errorBody(result.message), current: result.current },
          problemResponseStatus(result),
        );
      return c.json({ problem: result.problem, event: result.event });
    });

  return new Hono<AppEnvironment>()
    .get('/problems', (c) => {
      const status = c.req.query('status');
      const problems = store
        .problems()
        .filter((problem) => !status || status.split(',').includes(problem.status));
      return c.json({ problems, kinds: PROBLEM_KINDS });
    })
    .post('/parcels/:id/problems', async (c) => {
      const write = await readParcelWrite(c, store);
      if (!write.ok) return write.response;
      const { user, record, body } = write;
      const errors: ErrorDetail[] = [];
      const kind = String(body.kind ?? '');
      if (!isProblemKind(kind)) {
        errors.push({
          field: 'kind',
          value: kind,
          zh: `未知的问题类型，可选值：${PROBLEM_KINDS.map((entry) => entry.code).join('、')}`,
          en: `unknown problem kind; allowed: ${PROBLEM_KINDS.map((entry) => entry.code).join(', ')}`,
        });
      }
      const description = requiredText(body, 'description', '问题描述', 'description', errors);
      const at = eventTime(body, errors);
      if (errors.length > 0)
        return c.json(errorBody({ zh: '请求内容有误', en: 'Invalid request' }, errors), 400);
      const result = store.reportProblem(
        { parcelId: record.summary.id, kind: kind as never, description, at },
        user,
      );
      if (!result.ok) return c.json(errorBody(result.message), problemResponseStatus(result));
      return c.json({ problem: result.problem, event: result.event }, 201);
    })
    .route('/problems/:id/assign', update('assign'))
    .route('/problems/:id/resolve', update('resolve'));
}
