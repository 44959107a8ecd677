/**
 * Day boundaries follow China Standard Time whatever the server's zone: this file runs the report in Los Angeles
 * time (UTC−8, with daylight saving), where 00:00 CST is 08:00 the day before.
 */
process.env.TZ = 'America/Los_Angeles';

import { describe, expect, it } from 'vitest';
import {
  addDays,
  chinaDate,
  chinaDayEnd,
  chinaDayStart,
  daysBetween,
} from '../../server/domain/china-time.ts';
import { toParcelColumns } from '../../server/domain/parcel-columns.ts';
import { buildDailyReport } from '../../server/domain/reports/daily-report.ts';
import { reportParcels } from '../../server/domain/reports/report-parcels.ts';
import { currentStatusArrays, StatusTimeline } from '../../server/domain/reports/status-timeline.ts';

describe('China Standard Time on a server in another zone', () => {
  it('is really running in Los Angeles time', () => {
    expect(new Date('2026-11-25T12:00:00Z').getTimezoneOffset()).toBe(480);
  });

  it('puts the day boundary at 00:00 +08:00', () => {
    expect(chinaDayStart('2026-11-25')).toBe(Date.parse('2026-11-24T16:00:00Z'));
    expect(chinaDayEnd('2026-11-25')).toBe(Date.parse('2026-11-26T00:00:00+08:00'));
    expect(chinaDate('2026-11-24T16:00:00Z')).toBe('2026-11-25');
    expect(chinaDate('2026-11-24T15:59:59.999Z')).toBe('2026-11-24');
    // Across the US daylight-saving change (2026-11-01) a CST day is still 24 hours.
    expect(chinaDayEnd('2026-11-01') - chinaDayStart('2026-11-01')).toBe(24 * 3600 * 1000);
    expect(addDays('2026-10-31', 2)).toBe('2026-11-02');
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
  });

  it('counts a signing at 07:30 Los Angeles time on 11-24 (23:30 CST) in the 11-24 report, one at 08:00 in 11-25', () => {
    const parcels = [
      { village: 'V01', signing: 'signed', clearance: 'occupied', planeArea: 1000, buildingArea: null },
      { village: 'V01', signing: 'signed', clearance: 'occupied', planeArea: 1000, buildingArea: null },
    ];
    const timeline = new StatusTimeline(2);
    timeline.appendStatus({
      parcelIndex: 0,
      axis: 'signing',
      from: 'appraised',
      to: 'signed',
      at: Date.parse('2026-11-24T07:30:00-08:00'),
    });
    timeline.appendStatus({
      parcelIndex: 1,
      axis: 'signing',
      from: 'appraised',
      to: 'signed',
      at: Date.parse('2026-11-24T08:00:00-08:00'),
    });
    const report = (date: string) =>
      buildDailyReport({
        date,
        now: new Date('2026-11-26T01:00:00Z'),
        park: { name: '测试园区', nameEn: 'Test park' },
        zone: { epsg: 4545, centralMeridian: 105, zoneNumber: 35 } as never,
        facts: reportParcels(toParcelColumns(parcels as never), [
          { code: 'V01', name: '东岭村', nameEn: 'Dongling' },
        ]),
        timeline,
        current: currentStatusArrays(parcels),
        plans: new Map(),
      });
    expect(report('2026-11-24').total.signed).toMatchObject({ today: 1, cumulative: 1 });
    expect(report('2026-11-25').total.signed).toMatchObject({ today: 1, cumulative: 2 });
    expect(report('2026-11-25').asOf).toBe('2026-11-26T00:00:00+08:00');
    expect(report('2026-11-26').provisional).toBe(true);
  });
});
