/**
 * Daily-report benchmark (issue #5 target: daily report for 100k parcels with 500k events ≤ 200 ms). The park is
 * built in memory — 100,000 parcel summaries in 87 villages and a timeline of 500,000 status events over 60 days,
 * each household's events in field-time order as the store guarantees — because the report is pure over (parcels,
 * timeline, plans): the store's part is keeping the timeline in memory, which it does at open.
 */

import { chinaDate } from '../../server/domain/china-time.ts';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import { toParcelColumns } from '../../server/domain/parcel-columns.ts';
import { buildDailyReport } from '../../server/domain/reports/daily-report.ts';
import { buildProgressSeries } from '../../server/domain/reports/progress.ts';
import { reportParcels } from '../../server/domain/reports/report-parcels.ts';
import type { VillagePlan } from '../../server/domain/reports/report-types.ts';
import { StatusTimeline, statusesBefore } from '../../server/domain/reports/status-timeline.ts';
import { dailyReportXlsx } from '../../server/export/daily-report-xlsx.ts';
import { formatNumber, median, printTable, timeRuns } from './statistics.ts';

/** Each household's path: 5 events (surveyed, appraised, signed, vacated, demolished); the last few never finish. */
const PATH = [
  ['signing', 'unsurveyed', 'surveyed'],
  ['signing', 'surveyed', 'appraised'],
  ['signing', 'appraised', 'signed'],
  ['clearance', 'occupied', 'vacated'],
  ['clearance', 'vacated', 'demolished'],
] as const;

export function syntheticReportPark(parcelCount: number, eventCount: number) {
  const villageCount = Math.ceil(parcelCount / 1150);
  const villages = Array.from({ length: villageCount }, (_, index) => ({
    code: `V${String(index + 1).padStart(2, '0')}`,
    name: `村${index + 1}`,
    nameEn: `Village ${index + 1}`,
  }));
  const start = Date.parse('2026-09-27T08:00:00+08:00');
  const day = 24 * 3600 * 1000;
  const timeline = new StatusTimeline(parcelCount);
  const parcels: Pick<ParcelSummary, 'village' | 'signing' | 'clearance' | 'planeArea' | 'buildingArea'>[] =
    [];
  const eventsPerParcel = Math.min(PATH.length, Math.ceil(eventCount / parcelCount));
  // A deterministic spread: household i starts on day (i·7 mod 40) and takes a step every (1 + i mod 4) days.
  const steps: { parcel: number; step: number; at: number }[] = [];
  for (let parcel = 0; parcel < parcelCount; parcel++) {
    const first = start + ((parcel * 7) % 40) * day + (parcel % 600) * 60_000;
    for (let step = 0; step < eventsPerParcel && steps.length < eventCount; step++)
      steps.push({ parcel, step, at: first + step * (1 + (parcel % 4)) * day });
  }
  // Commit order is roughly field-time order across the park, but always in order within a household.
  steps.sort((left, right) => left.at - right.at || left.parcel - right.parcel);
  const reached = new Int8Array(parcelCount).fill(-1);
  for (const { parcel, step, at } of steps) {
    const [axis, from, to] = PATH[step] as (typeof PATH)[number];
    timeline.appendStatus({ parcelIndex: parcel, axis, from, to, at });
    reached[parcel] = step;
  }
  for (let parcel = 0; parcel < parcelCount; parcel++) {
    const step = reached[parcel] as number;
    parcels.push({
      village: (villages[Math.floor(parcel / 1150)] as { code: string }).code,
      signing: step >= 2 ? 'signed' : step === 1 ? 'appraised' : step === 0 ? 'surveyed' : 'unsurveyed',
      clearance: step >= 4 ? 'demolished' : step === 3 ? 'vacated' : 'occupied',
      planeArea: 600 + (parcel % 900),
      buildingArea: parcel % 3 === 0 ? null : 120 + (parcel % 200),
    });
  }
  const plans = new Map<string, VillagePlan>(
    villages.map((village) => [
      village.code,
      {
        village: village.code,
        startDate: '2026-09-27',
        signedBy: '2026-12-31',
        handedOverBy: '2027-03-31',
        milestones: [{ date: '2026-10-31', signedShare: 0.3 }],
        version: 1,
        updatedAt: '2026-09-27T00:00:00Z',
        updatedBy: 'bench',
      },
    ]),
  );
  return { parcels: parcels as ParcelSummary[], villages, timeline, plans };
}

export async function runReportBenchmark(
  runs: number,
  parcelCount = 100_000,
  eventCount = 500_000,
): Promise<string> {
  const park = syntheticReportPark(parcelCount, eventCount);
  const now = new Date('2026-11-26T09:00:00+08:00');
  const zone = { epsg: 4545, centralMeridian: 105, zoneNumber: 35 } as never;
  // What a request does: read facts and current statuses from the summaries, then replay and aggregate.
  // The store keeps these columns current on every write; a request only reads them.
  const columns = toParcelColumns(park.parcels);
  const dailyReport = (date: string) =>
    buildDailyReport({
      date,
      now,
      park: { name: '基准园区', nameEn: 'Benchmark park' },
      zone,
      facts: reportParcels(columns, park.villages),
      timeline: park.timeline,
      current: columns,
      plans: park.plans,
    });
  const statusBytes = (endExclusive: number) => {
    const statuses = statusesBefore(park.timeline, columns, endExclusive);
    const bytes = new Uint8Array(park.parcels.length * 2);
    for (let index = 0; index < park.parcels.length; index++) {
      bytes[2 * index] = statuses.signing[index] as number;
      bytes[2 * index + 1] = statuses.clearance[index] as number;
    }
    return bytes;
  };
  const report = dailyReport('2026-11-25');
  const cases: [string, string, () => unknown][] = [
    ['daily report, latest day (target ≤ 200 ms)', 'JSON object', () => dailyReport('2026-11-25')],
    ['daily report, a past day', '2026-10-20', () => dailyReport('2026-10-20')],
    [
      'statuses as of (time slider)',
      '2 bytes/parcel',
      () => statusBytes(Date.parse('2026-10-20T00:00:00+08:00')),
    ],
    [
      'progress series (charts)',
      '60 days × villages',
      () =>
        buildProgressSeries({
          from: chinaDate(park.timeline.firstAt),
          to: '2026-11-26',
          facts: reportParcels(columns, park.villages),
          timeline: park.timeline,
          current: columns,
          plans: park.plans,
        }),
    ],
    ['daily report XLSX (from the report)', `${report.rows.length} villages`, () => dailyReportXlsx(report)],
  ];
  const rows: string[][] = [];
  for (const [name, what, run] of cases) {
    await run();
    const times = await timeRuns(runs, run);
    rows.push([name, what, formatNumber(median(times)), formatNumber(Math.max(...times))]);
  }
  return printTable(
    `Daily report, ${parcelCount.toLocaleString('en')} parcels, ${park.timeline.length.toLocaleString('en')} events, ${park.villages.length} villages (in memory); median of ${runs}`,
    ['what', 'detail', 'median ms', 'max ms'],
    rows,
  );
}
