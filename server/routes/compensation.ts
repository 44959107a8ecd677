/**
 * `/api/compensation/…` (signed in): the rate table and its versions, a household's breakdown, the budget and its
 * what-if, the fairness check, the 公示 setting and the floor area never compensated. Reads never write; the only
 * writes are a new rate-table version, the setting and a parcel's exclusions, all by the command centre.
 */
import { Hono } from 'hono';
import type { AppEnvironment } from '../auth/session.ts';
import {
  agreementInForce,
  amountInForce,
  type BudgetRow,
  compensationBudget,
  fairnessCheck,
  householdCompensation,
} from '../domain/compensation-ledger.ts';
import {
  canManageCompensation,
  canSeeCompensationLedger,
  canSeeParcelCompensation,
} from '../domain/compensation-permissions.ts';
import { isHolderNamePolicy } from '../domain/publicity.ts';
import { parseRateTableContent, type RateTable, rateTableInEffect } from '../domain/rates.ts';
import type { User } from '../domain/users.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import { earliestEffectiveDate, householdsOf, ledgerContext } from './compensation-context.ts';
import { type ErrorDetail, errorBody } from './errors.ts';
import { readJsonObject } from './request-body.ts';

const INVALID = { zh: '请求内容有误', en: 'Invalid request' };
const NOT_JSON = { zh: '请求体必须是 JSON 对象', en: 'The body must be a JSON object' };

function budgetRowInYuan(row: BudgetRow, name: string) {
  const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
  return {
    key: row.key,
    name,
    households: row.households,
    signedHouseholds: row.signedHouseholds,
    householdsWithoutAmount: row.householdsWithoutAmount,
    currentYuan: yuan(row.currentFen),
    proposedYuan: yuan(row.proposedFen),
    proposedForAllYuan: yuan(row.proposedForAllFen),
    differenceYuan: row.proposedFen === null ? null : (row.proposedFen - row.currentFen) / 100,
    pendingBonusCeilingYuan: yuan(row.pendingBonusCeilingFen),
  };
}

function budgetFor(store: ParcelStore, proposed?: RateTable) {
  const context = ledgerContext(store);
  const names = new Map(store.villages().map((village) => [village.code, village.name]));
  const budget = compensationBudget(
    householdsOf(store),
    context,
    store.villages().map((village) => village.code),
    proposed,
  );
  const current = rateTableInEffect(context.tables, context.today);
  return {
    asOf: store.asOf(),
    today: context.today,
    currentVersion: current?.version ?? null,
    rows: budget.rows.map((row) => budgetRowInYuan(row, names.get(row.key) ?? row.key)),
    total: budgetRowInYuan(budget.total, '合计 Total'),
  };
}

function readNumber(
  body: Record<string, unknown>,
  field: string,
  zh: string,
  en: string,
  errors: ErrorDetail[],
) {
  const value = body[field] ?? 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    errors.push({
      field,
      value: String(value),
      zh: `${zh}必须是不小于 0 的数字`,
      en: `${en} must be a number ≥ 0`,
    });
    return 0;
  }
  return value;
}

export function compensationRoutes(store: ParcelStore) {
  return new Hono<AppEnvironment>()
    .get('/rates', (c) => {
      const context = ledgerContext(store);
      return c.json({
        versions: store.compensation.rateTables(),
        inEffect: rateTableInEffect(context.tables, context.today)?.version ?? null,
        today: context.today,
        earliestEffectiveDate: earliestEffectiveDate(),
      });
    })
    .post('/rates', async (c) => {
      const user = c.get('user') as User;
      const permission = canManageCompensation(user);
      if (!permission.allowed) return c.json(errorBody(permission.message), 403);
      const body = await readJsonObject(c);
      if (!body) return c.json(errorBody(NOT_JSON), 400);
      const parsed = parseRateTableContent(body, { earliestEffectiveDate: earliestEffectiveDate() });
      if (!parsed.ok) return c.json(errorBody(INVALID, parsed.errors), 400);
      const table = store.compensation.publishRateTable(parsed.content, user.username);
      return c.json({ table }, 201);
    })
    .post('/what-if', async (c) => {
      const user = c.get('user') as User;
      const permission = canSeeCompensationLedger(user);
      if (!permission.allowed) return c.json(errorBody(permission.message), 403);
      const body = await readJsonObject(c);
      if (!body) return c.json(errorBody(NOT_JSON), 400);
      // A what-if needs no title or date: it is never stored.
      const parsed = parseRateTableContent({
        title: '测算方案 what-if',
        effectiveDate: earliestEffectiveDate(),
        ...body,
      });
      if (!parsed.ok) return c.json(errorBody(INVALID, parsed.errors), 400);
      const proposed: RateTable = {
        ...parsed.content,
        version: 0,
        createdAt: new Date().toISOString(),
        createdBy: user.username,
      };
      return c.json({ proposal: parsed.content, ...budgetFor(store, proposed) });
    })
    .get('/budget', (c) => {
      const permission = canSeeCompensationLedger(c.get('user') as User);
      if (!permission.allowed) return c.json(errorBody(permission.message), 403);
      return c.json(budgetFor(store));
    })
    .get('/fairness', (c) => {
      const user = c.get('user') as User;
      const permission = canSeeCompensationLedger(user);
      if (!permission.allowed) return c.json(errorBody(permission.message), 403);
      const village = c.req.query('village');
      if (village !== undefined && !store.villages().some((candidate) => candidate.code === village)) {
        return c.json(
          errorBody(INVALID, [
            { field: 'village', value: village, zh: '未知的村代码', en: 'unknown village code' },
          ]),
          400,
        );
      }
      const parcels = village
        ? store.parcels().filter((parcel) => parcel.village === village)
        : store.parcels();
      const report = fairnessCheck(householdsOf(store, parcels), ledgerContext(store));
      return c.json({ asOf: store.asOf(), village: village ?? null, ...report });
    })
    .get('/parcels/:id', (c) => {
      const user = c.get('user') as User;
      const record = store.parcel(Number(c.req.param('id')));
      if (!record) {
        return c.json(
          errorBody({ zh: '地块不存在', en: 'Parcel not found' }, [
            { field: 'id', value: c.req.param('id'), zh: '地块不存在', en: 'parcel not found' },
          ]),
          404,
        );
      }
      const permission = canSeeParcelCompensation(user, record.summary);
      if (!permission.allowed) return c.json(errorBody(permission.message), 403);
      const context = ledgerContext(store);
      const [household] = householdsOf(store, [record.summary]);
      if (!household) return c.json(errorBody({ zh: '地块不存在', en: 'Parcel not found' }), 404);
      const computed = householdCompensation(household, context);
      const table = computed
        ? context.tables.find((candidate) => candidate.version === computed.compensation.rateVersion)
        : undefined;
      return c.json({
        parcel: {
          id: record.summary.id,
          code: record.summary.code,
          holder: record.summary.holder,
          village: record.summary.village,
          signing: record.summary.signing,
          cadre: record.summary.cadre,
        },
        exclusions: household.exclusions,
        signing: household.signing,
        rateDate: computed?.rateDate ?? null,
        rateTable: table
          ? { version: table.version, title: table.title, effectiveDate: table.effectiveDate }
          : null,
        compensation: computed?.compensation ?? null,
        agreement: agreementInForce(household),
        amountInForce: amountInForce(household, context),
        asOf: store.asOf(),
      });
    })
    .put('/parcels/:id/exclusions', async (c) => {
      const user = c.get('user') as User;
      const permission = canManageCompensation(user);
      if (!permission.allowed) return c.json(errorBody(permission.message), 403);
      const record = store.parcel(Number(c.req.param('id')));
      if (!record) return c.json(errorBody({ zh: '地块不存在', en: 'Parcel not found' }), 404);
      const body = await readJsonObject(c);
      if (!body) return c.json(errorBody(NOT_JSON), 400);
      const errors: ErrorDetail[] = [];
      const illegalBuildingArea = readNumber(
        body,
        'illegalBuildingArea',
        '违建面积',
        'Illegal floor area',
        errors,
      );
      const rushBuiltArea = readNumber(body, 'rushBuiltArea', '抢建面积', 'Rush-built floor area', errors);
      const floorArea = record.summary.buildingArea ?? 0;
      if (errors.length === 0 && illegalBuildingArea + rushBuiltArea > floorArea) {
        errors.push({
          field: 'illegalBuildingArea',
          value: String(illegalBuildingArea + rushBuiltArea),
          zh: `地块 ${record.summary.code}：违建与抢建面积合计不能超过建筑面积 ${floorArea} ㎡`,
          en: `Parcel ${record.summary.code}: illegal plus rush-built floor area cannot exceed the floor area, ${floorArea} m²`,
        });
      }
      const note = typeof body.note === 'string' ? body.note.slice(0, 2000) : '';
      if (errors.length > 0) return c.json(errorBody(INVALID, errors), 400);
      store.compensation.setBuildingExclusions(
        record.summary.id,
        { illegalBuildingArea, rushBuiltArea },
        note,
        user.username,
      );
      return c.json({ parcelId: record.summary.id, exclusions: { illegalBuildingArea, rushBuiltArea } });
    })
    .get('/settings', (c) => c.json(store.compensation.publicitySettings()))
    .put('/settings', async (c) => {
      const user = c.get('user') as User;
      const permission = canManageCompensation(user);
      if (!permission.allowed) return c.json(errorBody(permission.message), 403);
      const body = await readJsonObject(c);
      if (!body) return c.json(errorBody(NOT_JSON), 400);
      if (!isHolderNamePolicy(body.holderNames)) {
        return c.json(
          errorBody(INVALID, [
            {
              field: 'holderNames',
              value: String(body.holderNames ?? ''),
              zh: '公示姓名显示方式必须是 masked（张*明）或 full（全名）',
              en: 'the holder-name policy must be masked (张*明) or full',
            },
          ]),
          400,
        );
      }
      return c.json(
        store.compensation.updatePublicitySettings({ holderNames: body.holderNames }, user.username),
      );
    });
}
