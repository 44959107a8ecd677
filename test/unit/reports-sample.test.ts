/**
 * On the sample park (8,077 households, two months of history): the current statistics equal the as-of statistics
 * at now, the sample's history is in field-time order per household, and the daily report reconciles with them.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../server/domain/filters.ts';
import { toParcelColumns } from '../../server/domain/parcel-columns.ts';
import { buildDailyReport } from '../../server/domain/reports/daily-report.ts';
import { countByVillage, reportParcels } from '../../server/domain/reports/report-parcels.ts';
import { currentStatusArrays, statusesBefore } from '../../server/domain/reports/status-timeline.ts';
import { computeStatistics } from '../../server/domain/statistics.ts';
import type { GeoPackageStore } from '../../server/store/geopackage-store.ts';
import { openOrCreateStore } from '../../server/store/open-store.ts';

let directory: string;
let store: GeoPackageStore;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'report-sample-'));
  store = await openOrCreateStore(
    join(directory, 'park.gpkg'),
    join(import.meta.dirname, '../../data/sample'),
    () => {},
  );
}, 120_000);

afterAll(() => {
  store?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('the sample park', () => {
  it('has its history in field-time order per household (what the backward replay relies on)', () => {
    const timeline = store.statusTimeline();
    const { parcelIndex, at } = timeline.statusColumns();
    const last = new Float64Array(timeline.parcelCount).fill(Number.NEGATIVE_INFINITY);
    let outOfOrder = 0;
    for (let index = 0; index < timeline.length; index++) {
      const parcel = parcelIndex[index] as number;
      if ((at[index] as number) < (last[parcel] as number)) outOfOrder++;
      last[parcel] = at[index] as number;
    }
    expect(timeline.length).toBeGreaterThan(10_000);
    expect(outOfOrder).toBe(0);
  });

  it('gives the same statistics as of now as computeStatistics over the current parcels', () => {
    const parcels = store.parcels();
    const current = computeStatistics(parcels, EMPTY_FILTER, {
      groupBy: 'village',
      zone: store.park.zone,
      asOf: store.asOf(),
      keys: store.villages().map((village) => village.code),
    });
    const facts = reportParcels(toParcelColumns(parcels), store.villages());
    const timeline = store.statusTimeline();
    const now = Date.now();
    // The backward replay starts from the current rows, so check it against an independent forward replay: the
    // state before every event, then each event's `to` in order. Equal only if the log and the rows agree.
    const backward = statusesBefore(timeline, currentStatusArrays(parcels), now + 1);
    const replayed = statusesBefore(timeline, currentStatusArrays(parcels), Number.NEGATIVE_INFINITY);
    const { parcelIndex, axis, to, at } = timeline.statusColumns();
    for (let index = 0; index < timeline.length; index++) {
      if ((at[index] as number) > now) continue;
      const target = axis[index] === 0 ? replayed.signing : replayed.clearance;
      target[parcelIndex[index] as number] = to[index] as number;
    }
    expect(Array.from(replayed.signing)).toEqual(Array.from(backward.signing));
    expect(Array.from(replayed.clearance)).toEqual(Array.from(backward.clearance));
    const asOfNow = countByVillage(facts, replayed);
    facts.villages.forEach((village, index) => {
      const row = current.rows.find((candidate) => candidate.key === village.code);
      const counts = asOfNow.villages[index];
      expect(counts?.households).toBe(row?.households);
      expect(counts?.signed).toBe(row?.signedHouseholds);
      expect(counts?.demolished).toBe(row?.clearedHouseholds);
      expect(counts?.handedOver).toBe(row?.handedOverHouseholds);
      expect(counts?.ruled).toBe(row?.bySigning.ruled);
      expect(counts?.landSquareMetres).toBeCloseTo(row?.landArea.plane.squareMetres ?? Number.NaN, 6);
    });
    expect(asOfNow.total.signed).toBe(current.total.signedHouseholds);
    expect(asOfNow.total.handedOver).toBe(current.total.handedOverHouseholds);
  });

  it('loads the sample plans: some villages ahead of plan, some behind, one without a plan', () => {
    const parcels = store.parcels();
    const report = buildDailyReport({
      date: '2026-11-25',
      now: new Date('2026-11-26T09:00:00+08:00'),
      park: { name: store.park.name, nameEn: store.park.nameEn },
      zone: store.park.zone,
      facts: reportParcels(toParcelColumns(parcels), store.villages()),
      timeline: store.statusTimeline(),
      current: currentStatusArrays(parcels),
      plans: store.plans.plans(),
    });
    const behind = report.rows.filter((row) => row.plan?.behindPlan).map((row) => row.village);
    const ahead = report.rows.filter((row) => row.plan && !row.plan.behindPlan).map((row) => row.village);
    expect(behind.length).toBeGreaterThan(0);
    expect(ahead.length).toBeGreaterThan(0);
    // Every sample village has a plan, so the park has one too (household-weighted).
    expect(report.rows.filter((row) => row.plan === null)).toEqual([]);
    expect(report.total.plan).not.toBeNull();
    // The sample's last day is 2026-11-25: its report is the current state, since nothing happened after.
    expect(report.total.signed.cumulative).toBe(
      parcels.filter((p) => ['signed', 'ruled'].includes(p.signing)).length,
    );
    expect(report.total.signed.today).toBeGreaterThan(0);
  });
});
