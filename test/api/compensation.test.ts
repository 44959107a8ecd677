/**
 * The rate table through the API: versions, validation, who may write; agreed amounts recorded at signing and never
 * rewritten by a new version; the breakdown, the what-if, the fairness check and the export columns by role.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { chinaDate } from '../../server/domain/china-time.ts';
import { SQUARE_METRES_PER_MU } from '../../server/domain/units.ts';
import { parseCsv } from '../../server/store/read-sample.ts';
import { withSignedInApp } from '../support/api-session.ts';
import { PARCELS, publishSampleRates, rateTableBody } from './compensation-fixtures.ts';

const tomorrow = () => chinaDate(Date.now() + 24 * 3600 * 1000);

describe('the rate table', () => {
  it('lists its versions and the one in effect today', () =>
    withSignedInApp(
      async ({ store, session }) => {
        publishSampleRates(store);
        const rates = await (await session.request('/api/compensation/rates')).json();
        expect(rates.versions.map((table: { version: number }) => table.version)).toEqual([1, 2]);
        expect(rates.inEffect).toBe(2);
        expect(rates.earliestEffectiveDate).toBe(tomorrow());
      },
      'team',
      ['V01'],
    ));

  it('hq publishes a new version, effective tomorrow at the earliest', () =>
    withSignedInApp(async ({ store, session }) => {
      publishSampleRates(store);
      const body = rateTableBody({ title: '第三版', effectiveDate: tomorrow() });
      const created = await session.send('POST', '/api/compensation/rates', body);
      expect(created.status).toBe(201);
      expect((await created.json()).table).toMatchObject({
        version: 3,
        createdBy: 'test-hq',
        title: '第三版',
      });
      const today = await session.send('POST', '/api/compensation/rates', {
        ...body,
        effectiveDate: chinaDate(new Date()),
      });
      expect(today.status).toBe(400);
      expect((await today.json()).details[0]).toMatchObject({ field: 'effectiveDate' });
      expect(store.compensation.rateTables()).toHaveLength(3);
    }));

  it('refuses missing and negative rates with 400, naming every field in both languages, and writes nothing', () =>
    withSignedInApp(async ({ store, session }) => {
      const body = rateTableBody({ effectiveDate: tomorrow() });
      delete (body.land as Record<string, unknown>).farmland;
      (body.building as Record<string, unknown>).frame = -1350;
      const response = await session.send('POST', '/api/compensation/rates', body);
      expect(response.status).toBe(400);
      const answer = await response.json();
      expect(answer.error).toBe('请求内容有误 / Invalid request');
      expect(answer.details).toEqual([
        expect.objectContaining({ field: 'land.farmland', zh: '耕地土地补偿标准（元/亩）缺失' }),
        expect.objectContaining({
          field: 'building.frame',
          value: '-1350',
          en: expect.stringContaining('negative'),
        }),
      ]);
      expect(store.compensation.rateTables()).toHaveLength(0);
    }));

  it('lets only hq write: a viewer and a team get 403, and a write without the CSRF token is refused', () =>
    withSignedInApp(async ({ app, session }) => {
      const body = rateTableBody({ effectiveDate: tomorrow() });
      const response = await session.send('POST', '/api/compensation/rates', body);
      expect(response.status).toBe(403);
      expect((await response.json()).error).toContain('Only the command centre');
      const withoutToken = await app.request('/api/compensation/rates', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: session.cookie },
        body: JSON.stringify(body),
      });
      expect(withoutToken.status).toBe(403);
    }, 'viewer'));

  it('is append-only in the GeoPackage itself: an UPDATE from another tool is refused', () =>
    withSignedInApp(async ({ store, storePath }) => {
      publishSampleRates(store);
      const database = new Database(storePath);
      try {
        expect(() => database.prepare("UPDATE rates SET rate = 1 WHERE category = 'land'").run()).toThrow(
          /append-only/,
        );
        expect(() => database.prepare('DELETE FROM rate_tables').run()).toThrow(/append-only/);
      } finally {
        database.close();
      }
    }));
});

describe('signing records the agreed amount', () => {
  it('in the signing transaction, with the table of the signing day; a later version does not rewrite it', () =>
    withSignedInApp(async ({ store, session }) => {
      publishSampleRates(store);
      const id = PARCELS.v01AppraisedFarmlandWithHole;
      const signed = await session.send('POST', `/api/parcels/${id}/transitions`, {
        axis: 'signing',
        to: 'signed',
        note: '签约',
        at: '2026-11-20T10:00:00+08:00',
      });
      expect(signed.status).toBe(201);
      const detail = await (await session.request(`/api/compensation/parcels/${id}`)).json();
      // v2 is in effect on 2026-11-20: farmland 52,000 元/亩 on the plane area (hole left out), bonus closed.
      const planeArea = store.parcel(id)?.summary.planeArea as number;
      expect(detail.rateTable.version).toBe(2);
      expect(detail.compensation.totalFen).toBe(Math.round((planeArea * 52000 * 100) / SQUARE_METRES_PER_MU));
      expect(detail.agreement).toMatchObject({ status: 'signed', rateVersion: 2, source: 'signing' });
      expect(detail.agreement.agreedFen).toBe(detail.compensation.totalFen);
      expect(detail.amountInForce.source).toBe('agreement');

      // A more generous table from tomorrow leaves the agreement and the household's amount as they were.
      const generous = rateTableBody({
        effectiveDate: tomorrow(),
        land: { ...(rateTableBody().land as object), farmland: 80000 },
      });
      expect((await session.send('POST', '/api/compensation/rates', generous)).status).toBe(201);
      const after = await (await session.request(`/api/compensation/parcels/${id}`)).json();
      expect(after.compensation.totalFen).toBe(detail.compensation.totalFen);
      expect(after.rateTable.version).toBe(2);
      const fairness = await (await session.request('/api/compensation/fairness?village=V01')).json();
      expect(fairness.differences.map((entry: { parcelId: number }) => entry.parcelId)).not.toContain(id);
    }));

  it('the fairness check shows a household whose facts changed after signing, and unrecorded signings', () =>
    withSignedInApp(async ({ store, session }) => {
      publishSampleRates(store);
      const id = PARCELS.v01AppraisedFarmlandWithHole;
      await session.send('POST', `/api/parcels/${id}/transitions`, {
        axis: 'signing',
        to: 'signed',
        note: '签约',
      });
      // Parcel 1 (signed, 210.5 ㎡): 50 ㎡ found illegal after the fact changes what the table gives.
      const excluded = await session.send(
        'PUT',
        `/api/compensation/parcels/${PARCELS.v01SignedHomestead}/exclusions`,
        {
          illegalBuildingArea: 50,
          note: '拆违核查',
        },
      );
      expect(excluded.status).toBe(200);
      const tooMuch = await session.send(
        'PUT',
        `/api/compensation/parcels/${PARCELS.v01SignedHomestead}/exclusions`,
        {
          illegalBuildingArea: 200,
          rushBuiltArea: 20,
        },
      );
      expect(tooMuch.status).toBe(400);
      expect((await tooMuch.json()).details[0].zh).toContain('520115-V01-0001');
      const report = await (await session.request('/api/compensation/fairness')).json();
      const byId = new Map(report.differences.map((entry: { parcelId: number }) => [entry.parcelId, entry]));
      // The test park's signed parcels have no signing events, hence no recorded amount.
      expect(byId.get(PARCELS.v01SignedHomestead)).toMatchObject({ reason: 'notRecorded' });
      expect(byId.has(id)).toBe(false);
      const detail = await (
        await session.request(`/api/compensation/parcels/${PARCELS.v01SignedHomestead}`)
      ).json();
      const illegal = detail.compensation.lines.find(
        (line: { code: string }) => line.code === 'illegalStructure',
      );
      expect(illegal).toMatchObject({ quantity: 50, unitRate: 0, amount: 0 });
      expect(report.cadreNotSigned).toEqual([]);
    }));

  it('lists a signed household whose recorded amount no longer matches the table, with the difference', () =>
    withSignedInApp(async ({ store, session }) => {
      publishSampleRates(store);
      // Parcel 7 (V02): homestead with 150 ㎡ of simple structure, signed today under v2 (simple 420 元/㎡).
      for (const to of ['surveyed', 'appraised', 'signed']) {
        const moved = await session.send('POST', '/api/parcels/7/transitions', {
          axis: 'signing',
          to,
          note: to,
        });
        expect(moved.status).toBe(201);
      }
      expect(
        (await (await session.request('/api/compensation/fairness')).json()).differences,
      ).not.toContainEqual(expect.objectContaining({ parcelId: 7 }));
      // The 拆违 survey then finds 30 ㎡ illegal: the table now gives 30 × 420 = 12,600 元 less than was agreed.
      await session.send('PUT', '/api/compensation/parcels/7/exclusions', { illegalBuildingArea: 30 });
      const report = await (await session.request('/api/compensation/fairness?village=V02')).json();
      expect(report.differences).toContainEqual(
        expect.objectContaining({
          parcelId: 7,
          reason: 'difference',
          differenceFen: 1_260_000,
          recordedVersion: 2,
        }),
      );
      // The board keeps posting what was agreed, so the gap is visible beside the published table.
      const board = await (await session.request('/api/public/publicity/V02')).json();
      const posted = board.households.find(
        (row: { parcelCode: string }) => row.parcelCode === '520115-V02-0001',
      );
      const detail = await (await session.request('/api/compensation/parcels/7')).json();
      expect(posted.compensationYuan).toBe(detail.agreement.agreedFen / 100);
      expect(detail.compensation.totalFen).toBe(detail.agreement.agreedFen - 1_260_000);
    }));
});

describe('the budget and the what-if', () => {
  it('compares a proposed table with the current one by village and writes nothing', () =>
    withSignedInApp(async ({ store, session }) => {
      publishSampleRates(store);
      const proposal = rateTableBody({ land: { ...(rateTableBody().land as object), farmland: 58000 } });
      delete proposal.title;
      delete proposal.effectiveDate;
      const response = await session.send('POST', '/api/compensation/what-if', proposal);
      expect(response.status).toBe(200);
      const whatIf = await response.json();
      const v01 = whatIf.rows.find((row: { key: string }) => row.key === 'V01');
      // In V01 only parcel 4 is farmland and not yet signed: +6,000 元/亩 on its plane area.
      const planeArea = store.parcel(PARCELS.v01AppraisedFarmlandWithHole)?.summary.planeArea as number;
      expect(v01.differenceYuan).toBeCloseTo((planeArea * 6000) / SQUARE_METRES_PER_MU, 1);
      // Applied to all, signed farmland parcel 6 would also get more.
      expect(v01.proposedForAllYuan).toBeGreaterThan(v01.proposedYuan);
      const budget = await (await session.request('/api/compensation/budget')).json();
      expect(budget.total.currentYuan).toBe(whatIf.total.currentYuan);
      expect(store.compensation.rateTables()).toHaveLength(2);
      const invalid = await session.send('POST', '/api/compensation/what-if', {
        ...proposal,
        relocationPerHousehold: -1,
      });
      expect(invalid.status).toBe(400);
      expect((await invalid.json()).details[0].field).toBe('relocationPerHousehold');
    }));

  it('is refused to a work team, which still sees the breakdown of its own village only', () =>
    withSignedInApp(
      async ({ store, session }) => {
        publishSampleRates(store);
        expect((await session.request('/api/compensation/budget')).status).toBe(403);
        expect((await session.request('/api/compensation/fairness')).status).toBe(403);
        expect(
          (await session.request(`/api/compensation/parcels/${PARCELS.v01SignedHomestead}`)).status,
        ).toBe(200);
        expect(
          (await session.request(`/api/compensation/parcels/${PARCELS.v02SurveyedOrchard}`)).status,
        ).toBe(403);
      },
      'team',
      ['V01'],
    ));
});

describe('compensation columns in parcel exports', () => {
  it('are added for hq and viewers, with the amount the board shows', () =>
    withSignedInApp(async ({ app, store, session }) => {
      publishSampleRates(store);
      const csv = await (await session.request('/api/export?format=csv&village=V01')).text();
      const [header, ...rows] = parseCsv(csv.slice(1)).filter((row) => row.length > 1);
      expect(header).toEqual(
        expect.arrayContaining(['compensation_yuan', 'rateVersion', 'compensationSource']),
      );
      const board = await (await app.request('/api/public/publicity/V01')).json();
      const amountColumn = header?.indexOf('compensation_yuan') as number;
      const codeColumn = header?.indexOf('code') as number;
      for (const row of rows) {
        const posted = board.households.find(
          (entry: { parcelCode: string }) => entry.parcelCode === row[codeColumn],
        );
        expect(Number(row[amountColumn])).toBe(posted.compensationYuan);
      }
    }, 'viewer'));

  it('are left out for a work team', () =>
    withSignedInApp(
      async ({ store, session }) => {
        publishSampleRates(store);
        const csv = await (await session.request('/api/export?format=csv&village=V01')).text();
        expect(parseCsv(csv.slice(1))[0]).not.toContain('compensation_yuan');
      },
      'team',
      ['V01'],
    ));
});
