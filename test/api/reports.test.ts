/**
 * The daily report, progress, plans and statuses-as-of routes over a temporary GeoPackage of the test park, and the
 * store rule that keeps each household's field times in commit order.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { addDays, chinaDate } from '../../server/domain/china-time.ts';
import type { DailyReport, ProgressSeries } from '../../server/domain/reports/report-types.ts';
import { CLEARANCE_STATUSES, SIGNING_STATUSES } from '../../server/domain/statuses.ts';
import { addTestUser, signIn, withSignedInApp } from '../support/api-session.ts';
import { temporaryStore } from '../support/test-park.ts';

const V01_APPRAISED_FARMLAND = 4;
const PLAN = { startDate: '2026-11-01', signedBy: '2026-12-31', handedOverBy: '2027-03-31' };

function decodeStatuses(bytes: Uint8Array) {
  const statuses: [string | undefined, string | undefined][] = [];
  for (let index = 0; index < bytes.length; index += 2) {
    statuses.push([
      SIGNING_STATUSES[bytes[index] as number]?.code,
      CLEARANCE_STATUSES[bytes[index + 1] as number]?.code,
    ]);
  }
  return statuses;
}

describe('GET /api/reports/daily', () => {
  it("reports today's numbers by village, and a signing made now in today's and not in yesterday's", () =>
    withSignedInApp(async ({ session }) => {
      const today = chinaDate(new Date());
      const before = (await (await session.request('/api/reports/daily')).json()) as DailyReport;
      expect(before.date).toBe(today);
      expect(before.asOf).toBe(`${addDays(today, 1)}T00:00:00+08:00`);
      const v01 = before.rows.find((row) => row.village === 'V01');
      expect(v01?.task.households).toBe(6);
      expect(v01?.signed.cumulative).toBe(4);
      expect(v01?.ruled.cumulative).toBe(1);
      expect(v01?.handedOver.cumulative).toBe(2);
      expect(before.total.task.households).toBe(10);
      expect(before.rows.map((row) => row.rank)).toEqual([1, 2]);
      expect(before.measures.today.zh).toContain('前一日末累计');
      expect(before.total.illegalStructures).toBeNull();

      const signed = await session.send('POST', `/api/parcels/${V01_APPRAISED_FARMLAND}/transitions`, {
        axis: 'signing',
        to: 'signed',
        note: '签订补偿协议',
      });
      expect(signed.status).toBe(201);
      const after = (await (await session.request(`/api/reports/daily?date=${today}`)).json()) as DailyReport;
      expect(after.rows.find((row) => row.village === 'V01')?.signed).toMatchObject({
        today: 1,
        cumulative: 5,
      });
      expect(after.total.signed.today).toBe(1);
      const yesterday = (await (
        await session.request(`/api/reports/daily?date=${addDays(today, -1)}`)
      ).json()) as DailyReport;
      expect(yesterday.rows.find((row) => row.village === 'V01')?.signed.cumulative).toBe(4);
    }));

  it('refuses a date after today, before the first event, or not a date, naming the field in zh/en', () =>
    withSignedInApp(async ({ session }) => {
      const tomorrow = addDays(chinaDate(new Date()), 1);
      for (const date of [tomorrow, '2026-10-01', '2026-02-30']) {
        const response = await session.request(`/api/reports/daily?date=${date}`);
        expect(response.status).toBe(400);
        const body = await response.json();
        expect(body.details[0]).toMatchObject({ field: 'date', value: date });
        expect(body.details[0].zh).toMatch(/[\u4e00-\u9fff]/);
        expect(body.details[0].en).toMatch(/[a-z]/);
      }
    }));

  it('exports the report as XLSX with merged two-level headers', () =>
    withSignedInApp(async ({ session, store }) => {
      store.plans.savePlan('V01', { ...PLAN, milestones: [] }, 'hq');
      const response = await session.request('/api/reports/daily?date=2026-11-25&format=xlsx');
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Disposition')).toContain('2026-11-25.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
      expect(String(sheet.getCell('A1').value)).toContain('征地拆迁工作日报（2026-11-25）');
      const merges = sheet.model.merges;
      expect(merges).toContain('A1:AC1');
      // 排名 spans both header rows; 签约 spans 今日/累计/比例 (columns H–J).
      expect(merges).toContain('A3:A4');
      expect(merges).toContain('H3:J3');
      expect(sheet.getCell('H3').value).toBe('签约 Signed');
      expect(sheet.getCell('I3').isMerged).toBe(true);
      expect(sheet.getCell('J4').value).toBe('比例\nShare');
      const villageNames = [5, 6, 7].map((row) => sheet.getCell(row, 2).value);
      expect(villageNames).toEqual(expect.arrayContaining(['东岭村', '西溪村', '合计']));
      const totalRow = 5 + villageNames.indexOf('合计');
      expect(sheet.getCell(totalRow, 3).value).toBe(10);
      const v01Row = 5 + villageNames.indexOf('东岭村');
      expect(typeof sheet.getCell(v01Row, 23).value).toBe('number');
    }));
});

describe('GET /api/reports/progress', () => {
  it('has one point per day from the first event to today, ending at the daily report', () =>
    withSignedInApp(async ({ session }) => {
      const progress = (await (await session.request('/api/reports/progress')).json()) as ProgressSeries;
      const today = chinaDate(new Date());
      expect(progress.from).toBe('2026-11-01');
      expect(progress.dates.at(-1)).toBe(today);
      const report = (await (await session.request('/api/reports/daily')).json()) as DailyReport;
      const total = progress.series.find((line) => line.village === 'total');
      expect(total?.signed.at(-1)).toBe(report.total.signed.cumulative);
      expect(total?.handedOver.at(-1)).toBe(report.total.handedOver.cumulative);
      expect(total?.planSignedShare.every((share) => share === null)).toBe(true);
    }));
});

describe('/api/plans', () => {
  it('lets hq set a plan, refuses a stale version with 409 and bad input with 400 in zh/en', () =>
    withSignedInApp(async ({ session }) => {
      const empty = await (await session.request('/api/plans')).json();
      expect(empty.plans.map((entry: { plan: unknown }) => entry.plan)).toEqual([null, null]);
      const created = await session.send('PUT', '/api/plans/V01', PLAN, { 'If-Match': '"v0"' });
      expect(created.status).toBe(200);
      expect((await created.json()).plan).toMatchObject({ ...PLAN, version: 1, updatedBy: 'test-hq' });
      const stale = await session.send('PUT', '/api/plans/V01', PLAN, { 'If-Match': '"v0"' });
      expect(stale.status).toBe(409);
      expect((await stale.json()).current.version).toBe(1);
      const updated = await session.send(
        'PUT',
        '/api/plans/V01',
        { ...PLAN, milestones: [{ date: '2026-11-30', signedShare: 0.3 }] },
        { 'If-Match': '"v1"' },
      );
      expect(updated.status).toBe(200);
      const bad = await session.send('PUT', '/api/plans/V01', { ...PLAN, signedBy: '2026-10-01' });
      expect(bad.status).toBe(400);
      const body = await bad.json();
      expect(body.error).toContain('V01');
      expect(body.details[0]).toMatchObject({ field: 'signedBy', value: '2026-10-01' });
      expect(body.details[0].zh).toContain('开始日期');
      const report = (await (
        await session.request('/api/reports/daily?date=2026-11-25')
      ).json()) as DailyReport;
      const v01 = report.rows.find((row) => row.village === 'V01');
      expect(v01?.plan?.signedDeadline).toBe('2026-12-31');
      expect(v01?.plan?.signedDaysLeft).toBe(36);
      expect(report.rows.find((row) => row.village === 'V02')?.plan).toBeNull();
    }));

  it('refuses team and viewer with 403, and a write without the CSRF token', async () => {
    const temporary = temporaryStore();
    try {
      const app = createApp(temporary.store);
      await addTestUser(temporary.store, 'team', 'team', ['V01']);
      await addTestUser(temporary.store, 'leader', 'viewer');
      await addTestUser(temporary.store, 'hq', 'hq');
      for (const username of ['team', 'leader']) {
        const session = await signIn(app, username);
        expect((await session.send('PUT', '/api/plans/V01', PLAN)).status).toBe(403);
        expect((await session.request('/api/plans')).status).toBe(200);
      }
      const hq = await signIn(app, 'hq');
      const withoutToken = await app.request('/api/plans/V01', {
        method: 'PUT',
        headers: { Cookie: hq.cookie, 'Content-Type': 'application/json' },
        body: JSON.stringify(PLAN),
      });
      expect(withoutToken.status).toBe(403);
      expect(temporary.store.plans.plan('V01')).toBeUndefined();
    } finally {
      temporary.remove();
    }
  });
});

describe('GET /api/parcels/status', () => {
  it('returns 2 bytes per parcel that decode to the summaries now and to the replayed statuses in the past', () =>
    withSignedInApp(async ({ session, store }) => {
      const now = await session.request('/api/parcels/status');
      expect(now.status).toBe(200);
      expect(now.headers.get('Content-Type')).toBe('application/octet-stream');
      expect(now.headers.get('X-Parcel-Count')).toBe('10');
      expect(now.headers.get('X-Geometry-Revision')).toBe(String(store.geometryRevision()));
      const summaries = await (await session.request('/api/parcels/summaries')).json();
      const idColumn = summaries.fields.indexOf('id');
      expect(summaries.columns[idColumn]).toEqual(store.parcels().map((p) => p.id));
      const current = decodeStatuses(new Uint8Array(await now.arrayBuffer()));
      expect(current).toEqual(store.parcels().map((parcel) => [parcel.signing, parcel.clearance]));

      // Before the test park's first events (11-01 for V01, 11-02 for V02), every surveyed household was unsurveyed.
      const past = await session.request('/api/parcels/status?asOf=2026-10-31');
      expect(past.headers.get('X-As-Of')).toBe('2026-11-01T00:00:00+08:00');
      const replayed = decodeStatuses(new Uint8Array(await past.arrayBuffer()));
      expect(replayed.map(([signing]) => signing)).toEqual(store.parcels().map(() => 'unsurveyed'));
      // An instant between the two villages' events: V01 replayed to its events, V02 not yet.
      const between = decodeStatuses(
        new Uint8Array(
          await (await session.request('/api/parcels/status?asOf=2026-11-01T23:00:00%2B08:00')).arrayBuffer(),
        ),
      );
      expect(between.slice(0, 6).map(([signing]) => signing)).toEqual(
        store
          .parcels()
          .slice(0, 6)
          .map((parcel) => parcel.signing),
      );
      expect(between.slice(6).every(([signing]) => signing === 'unsurveyed')).toBe(true);
      expect((await session.request('/api/parcels/status?asOf=2026-11-01T23:00:00')).status).toBe(400);
    }));
});

describe('the before-last-change rule', () => {
  it('refuses a status change earlier than the household last changed, with 409 and the rule', () =>
    withSignedInApp(async ({ session, store }) => {
      const response = await session.send('POST', `/api/parcels/${V01_APPRAISED_FARMLAND}/transitions`, {
        axis: 'signing',
        to: 'signed',
        note: '补录',
        at: '2026-10-30T10:00:00+08:00',
      });
      expect(response.status).toBe(409);
      const body = await response.json();
      expect(body.failures[0]).toMatchObject({ reason: 'illegal', rule: 'before-last-change' });
      expect(body.failures[0].message.zh).toContain('时间早于该户上一次状态变更');
      expect(body.failures[0].message.en).toMatch(/earlier than this household's last status change/i);
      expect(store.parcel(V01_APPRAISED_FARMLAND)?.summary.signing).toBe('appraised');
      // The same moment as the last change, or later, is fine.
      const ok = await session.send('POST', `/api/parcels/${V01_APPRAISED_FARMLAND}/transitions`, {
        axis: 'signing',
        to: 'signed',
        note: '补录',
        at: '2026-11-20T10:00:00+08:00',
      });
      expect(ok.status).toBe(201);
      const earlierAgain = await session.send('POST', `/api/parcels/${V01_APPRAISED_FARMLAND}/transitions`, {
        axis: 'clearance',
        to: 'handedOver',
        note: '交地',
        at: '2026-11-19T10:00:00+08:00',
      });
      expect(earlierAgain.status).toBe(409);
    }));
});
