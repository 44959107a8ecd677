/**
 * "As of" replay on a hand-made event log: forward moves, a correction that moves a household back, a legal
 * ruling, a parcel with no events, and an event at exactly 00:00 China Standard Time (it belongs to that day).
 */

import { describe, expect, it } from 'vitest';
import { chinaDayEnd } from '../../server/domain/china-time.ts';
import { toParcelColumns } from '../../server/domain/parcel-columns.ts';
import { buildDailyReport, reportDateError } from '../../server/domain/reports/daily-report.ts';
import { buildProgressSeries } from '../../server/domain/reports/progress.ts';
import { reportParcels } from '../../server/domain/reports/report-parcels.ts';
import type { VillagePlan } from '../../server/domain/reports/report-types.ts';
import {
  currentStatusArrays,
  openProblemsBefore,
  StatusTimeline,
  statusesBefore,
} from '../../server/domain/reports/status-timeline.ts';
import { CLEARANCE_STATUSES, SIGNING_STATUSES } from '../../server/domain/statuses.ts';

const at = (iso: string) => Date.parse(iso);

/** Four households in two villages, their current statuses and a history that leads to them. */
function handMadePark() {
  const parcels = [
    // 0: surveyed → appraised → signed, then handed over (no building).
    { village: 'V01', signing: 'signed', clearance: 'handedOver', planeArea: 2000, buildingArea: null },
    // 1: appraised → ruled on 11-03, corrected back to appraised on 11-04 (hq).
    { village: 'V01', signing: 'appraised', clearance: 'occupied', planeArea: 1000, buildingArea: 120 },
    // 2: no events at all: keeps its current status on every date.
    { village: 'V02', signing: 'signed', clearance: 'vacated', planeArea: 500, buildingArea: 80 },
    // 3: signed at exactly 00:00 CST on 11-03.
    { village: 'V02', signing: 'signed', clearance: 'occupied', planeArea: 700, buildingArea: 60 },
  ];
  const timeline = new StatusTimeline(parcels.length);
  timeline.appendStatus({
    parcelIndex: 0,
    axis: 'signing',
    from: 'surveyed',
    to: 'appraised',
    at: at('2026-11-01T10:00:00+08:00'),
  });
  timeline.appendStatus({
    parcelIndex: 1,
    axis: 'signing',
    from: 'appraised',
    to: 'ruled',
    at: at('2026-11-03T15:00:00+08:00'),
  });
  timeline.appendStatus({
    parcelIndex: 0,
    axis: 'signing',
    from: 'appraised',
    to: 'signed',
    at: at('2026-11-02T09:00:00+08:00'),
  });
  timeline.appendStatus({
    parcelIndex: 3,
    axis: 'signing',
    from: 'appraised',
    to: 'signed',
    at: at('2026-11-03T00:00:00+08:00'),
  });
  timeline.appendStatus({
    parcelIndex: 0,
    axis: 'clearance',
    from: 'occupied',
    to: 'handedOver',
    at: at('2026-11-03T16:00:00+08:00'),
  });
  timeline.appendStatus({
    parcelIndex: 1,
    axis: 'signing',
    from: 'ruled',
    to: 'appraised',
    at: at('2026-11-04T08:00:00+08:00'),
  });
  timeline.appendProblem({ problemId: 1, parcelIndex: 1, to: 'open', at: at('2026-11-02T11:00:00+08:00') });
  timeline.appendProblem({
    problemId: 1,
    parcelIndex: 1,
    to: 'resolved',
    at: at('2026-11-04T11:00:00+08:00'),
  });
  const villages = [
    { code: 'V01', name: '东岭村', nameEn: 'Dongling' },
    { code: 'V02', name: '西溪村', nameEn: 'Xixi' },
  ];
  const facts = reportParcels(toParcelColumns(parcels as never), villages);
  return { parcels, timeline, facts, current: currentStatusArrays(parcels) };
}

function codesAt(park: ReturnType<typeof handMadePark>, endExclusive: number) {
  const statuses = statusesBefore(park.timeline, park.current, endExclusive);
  return park.parcels.map((_, index) => [
    SIGNING_STATUSES[statuses.signing[index] as number]?.code,
    CLEARANCE_STATUSES[statuses.clearance[index] as number]?.code,
  ]);
}

describe('statusesBefore', () => {
  it('replays forward moves, a ruling, a correction backwards and a parcel without events', () => {
    const park = handMadePark();
    expect(codesAt(park, chinaDayEnd('2026-10-31'))).toEqual([
      ['surveyed', 'occupied'],
      ['appraised', 'occupied'],
      ['signed', 'vacated'],
      ['appraised', 'occupied'],
    ]);
    expect(codesAt(park, chinaDayEnd('2026-11-02'))).toEqual([
      ['signed', 'occupied'],
      ['appraised', 'occupied'],
      ['signed', 'vacated'],
      ['appraised', 'occupied'],
    ]);
    expect(codesAt(park, chinaDayEnd('2026-11-03'))).toEqual([
      ['signed', 'handedOver'],
      ['ruled', 'occupied'],
      ['signed', 'vacated'],
      ['signed', 'occupied'],
    ]);
    // After the correction: back to appraised, which is also the current state.
    expect(codesAt(park, chinaDayEnd('2026-11-04'))).toEqual(
      park.parcels.map((parcel) => [parcel.signing, parcel.clearance]),
    );
  });

  it('counts an event at exactly 00:00 CST in the day it starts, not the day before', () => {
    const park = handMadePark();
    const midnight = at('2026-11-03T00:00:00+08:00');
    expect(chinaDayEnd('2026-11-02')).toBe(midnight);
    expect(codesAt(park, midnight)[3]).toEqual(['appraised', 'occupied']);
    expect(codesAt(park, midnight + 1)[3]).toEqual(['signed', 'occupied']);
  });

  it('tracks open problems as of a date', () => {
    const park = handMadePark();
    expect([...openProblemsBefore(park.timeline, chinaDayEnd('2026-11-01')).keys()]).toEqual([]);
    expect([...openProblemsBefore(park.timeline, chinaDayEnd('2026-11-03')).keys()]).toEqual([1]);
    expect([...openProblemsBefore(park.timeline, chinaDayEnd('2026-11-04')).keys()]).toEqual([]);
  });
});

describe('buildDailyReport', () => {
  const plan: VillagePlan = {
    village: 'V01',
    startDate: '2026-11-01',
    signedBy: '2026-11-05',
    handedOverBy: '2026-11-11',
    milestones: [],
    version: 1,
    updatedAt: '2026-11-01T00:00:00Z',
    updatedBy: 'hq',
  };
  const report = (date: string) => {
    const park = handMadePark();
    return buildDailyReport({
      ...park,
      date,
      now: new Date('2026-11-05T12:00:00+08:00'),
      park: { name: '测试园区', nameEn: 'Test park' },
      zone: { epsg: 4545, centralMeridian: 105, zoneNumber: 35 } as never,
      plans: new Map([['V01', plan]]),
    });
  };

  it('gives today = end of date − end of the day before, negative after a correction', () => {
    const day3 = report('2026-11-03');
    const v01 = day3.rows.find((row) => row.village === 'V01');
    expect(v01?.signed).toEqual({ today: 1, cumulative: 2, share: 1 });
    expect(v01?.ruled).toEqual({ today: 1, cumulative: 1 });
    expect(v01?.handedOver).toMatchObject({ today: 1, cumulative: 1, share: 0.5, mu: 3 });
    expect(v01?.openProblems).toBe(1);
    const v02 = day3.rows.find((row) => row.village === 'V02');
    expect(v02?.signed).toEqual({ today: 1, cumulative: 2, share: 1 });
    const day4 = report('2026-11-04');
    const corrected = day4.rows.find((row) => row.village === 'V01');
    expect(corrected?.signed).toEqual({ today: -1, cumulative: 1, share: 0.5 });
    expect(corrected?.ruled).toEqual({ today: -1, cumulative: 1 - 1 });
    expect(day4.total.signed.today).toBe(-1);
    expect(day4.total.openProblems).toBe(0);
  });

  it('compares with the plan, ranks villages and writes the summary', () => {
    const day4 = report('2026-11-04');
    const v01 = day4.rows.find((row) => row.village === 'V01');
    // 3 of 4 days from start to 100 % signed: 75 % expected, 50 % actual → 25 points behind.
    expect(v01?.plan?.expectedSignedShare).toBeCloseTo(0.75, 12);
    expect(v01?.plan?.signedGapPoints).toBeCloseTo(25, 9);
    expect(v01?.plan?.behindPlan).toBe(true);
    expect(v01?.plan?.signedDaysLeft).toBe(1);
    expect(v01?.plan?.handedOverDaysLeft).toBe(7);
    expect(v01?.summary.zh).toBe(
      '今日签约 -1 户，累计 50%，落后计划 25 个百分点；今日交地 0 户，累计 50%，超前计划 20 个百分点',
    );
    expect(v01?.summary.en).toContain('25 points behind plan');
    expect(day4.rows.find((row) => row.village === 'V02')?.plan).toBeNull();
    // No park plan while V02 has none.
    expect(day4.total.plan).toBeNull();
    expect(day4.rows.map((row) => [row.village, row.rank])).toEqual([
      ['V02', 1],
      ['V01', 2],
    ]);
    expect(day4.asOf).toBe('2026-11-05T00:00:00+08:00');
    expect(day4.total.illegalStructures).toBeNull();
  });

  it('refuses dates after today or before the first event', () => {
    expect(reportDateError('2026-11-06', '2026-11-05', '2026-11-01')?.en).toContain('after today');
    expect(reportDateError('2026-10-31', '2026-11-05', '2026-11-01')?.zh).toContain('早于');
    expect(reportDateError('2026-02-30', '2026-11-05', '2026-11-01')).not.toBeNull();
    expect(reportDateError('2026-11-01', '2026-11-05', '2026-11-01')).toBeNull();
  });
});

describe('buildProgressSeries', () => {
  it('matches the daily report on every day, in one pass', () => {
    const park = handMadePark();
    const series = buildProgressSeries({
      ...park,
      from: '2026-11-01',
      to: '2026-11-05',
      plans: new Map(),
    });
    expect(series.dates).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    const total = series.series.find((line) => line.village === 'total');
    expect(total?.signed).toEqual([1, 2, 4, 3, 3]);
    expect(total?.signedToday).toEqual([0, 1, 2, -1, 0]);
    expect(total?.handedOver).toEqual([0, 0, 1, 1, 1]);
    for (const [day, date] of series.dates.entries()) {
      const report = buildDailyReport({
        ...park,
        date,
        now: new Date('2026-11-05T12:00:00+08:00'),
        park: { name: '', nameEn: '' },
        zone: { epsg: 4545, centralMeridian: 105, zoneNumber: 35 } as never,
        plans: new Map(),
      });
      for (const line of series.series) {
        const row =
          line.village === 'total' ? report.total : report.rows.find((r) => r.village === line.village);
        expect(line.signed[day]).toBe(row?.signed.cumulative);
        expect(line.handedOver[day]).toBe(row?.handedOver.cumulative);
        expect(line.signedToday[day]).toBe(row?.signed.today);
      }
    }
  });
});
