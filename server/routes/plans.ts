/**
 * `/api/plans` (signed in): every village's plan; `PUT /api/plans/:village` (command centre only, CSRF like every
 * write) sets a village's target dates and milestones, with `If-Match: "v<version>"` against lost updates.
 */
import { Hono } from 'hono';
import type { AppEnvironment } from '../auth/session.ts';
import { parsePlanInput } from '../domain/reports/plans.ts';
import type { PlansResponse } from '../domain/reports/report-types.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import { errorBody } from './errors.ts';
import { expectedVersion, readJsonObject } from './request-body.ts';

export function planRoutes(store: ParcelStore) {
  return new Hono<AppEnvironment>()
    .get('/', (c) => {
      const plans = store.plans.plans();
      const body: PlansResponse = {
        plans: store.villages().map((village) => ({
          village: village.code,
          name: village.name,
          nameEn: village.nameEn,
          plan: plans.get(village.code) ?? null,
        })),
      };
      return c.json(body);
    })
    .put('/:village', async (c) => {
      const user = c.get('user');
      if (user?.role !== 'hq') {
        return c.json(
          errorBody({ zh: '只有指挥部可以设定各村计划', en: 'Only the command centre sets village plans' }),
          403,
        );
      }
      const code = c.req.param('village');
      if (!store.villages().some((village) => village.code === code)) {
        return c.json(
          errorBody({ zh: `没有编码为 ${code} 的村`, en: `No village with code ${code}` }, [
            { field: 'village', value: code, zh: '村不存在', en: 'village not found' },
          ]),
          404,
        );
      }
      const body = await readJsonObject(c);
      const parsed = parsePlanInput(body);
      const version = expectedVersion(c.req.header('If-Match'));
      const errors = parsed.ok ? [] : [...parsed.errors];
      if (Number.isNaN(version)) {
        errors.push({
          field: 'If-Match',
          value: c.req.header('If-Match') ?? '',
          zh: 'If-Match 应为 "v<版本号>"',
          en: 'If-Match must be "v<version>"',
        });
      }
      if (!parsed.ok || errors.length > 0) {
        return c.json(
          errorBody({ zh: `${code} 村计划有误`, en: `The plan of village ${code} is invalid` }, errors),
          400,
        );
      }
      const result = store.plans.savePlan(code, parsed.input, user.username, version);
      if (!result.ok) {
        return c.json(
          {
            ...errorBody(
              {
                zh: `${code} 村计划已被他人修改（当前版本 ${result.current?.version ?? 0}），请刷新后重试`,
                en: `The plan of village ${code} was changed meanwhile (version ${result.current?.version ?? 0}); reload and retry`,
              },
              [
                {
                  field: 'If-Match',
                  value: c.req.header('If-Match') ?? '',
                  zh: '版本已过期',
                  en: 'stale version',
                },
              ],
            ),
            current: result.current,
          },
          409,
        );
      }
      c.header('ETag', `"v${result.plan.version}"`);
      return c.json({ plan: result.plan });
    });
}
