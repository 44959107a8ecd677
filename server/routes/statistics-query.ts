/** The statistics of a request: shared by `/api/stats`, its file export and the statistics sheet of exports. */
import { chinaDate } from '../domain/china-time.ts';
import { describeFilterForFileName, type ParcelFilter } from '../domain/filters.ts';
import { computeStatistics, GROUP_BY, type GroupBy, type StatisticsTable } from '../domain/statistics.ts';
import { CLEARANCE_STATUSES, findCoded, LAND_CLASSES, SIGNING_STATUSES } from '../domain/statuses.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import type { ErrorDetail } from './errors.ts';

export function parseGroupBy(
  value: string | undefined,
): { ok: true; groupBy: GroupBy } | { ok: false; detail: ErrorDetail } {
  const groupBy = value ?? 'village';
  if ((GROUP_BY as readonly string[]).includes(groupBy)) return { ok: true, groupBy: groupBy as GroupBy };
  return {
    ok: false,
    detail: {
      field: 'groupBy',
      value: groupBy,
      zh: `未知的分组方式“${groupBy}”，可选值：${GROUP_BY.join('、')}`,
      en: `Unknown groupBy "${groupBy}"; allowed: ${GROUP_BY.join(', ')}`,
    },
  };
}

export function statisticsFor(store: ParcelStore, filter: ParcelFilter, groupBy: GroupBy): StatisticsTable {
  const keys =
    groupBy === 'village'
      ? store.villages().map((village) => village.code)
      : groupBy === 'signing'
        ? SIGNING_STATUSES.map((status) => status.code)
        : groupBy === 'clearance'
          ? CLEARANCE_STATUSES.map((status) => status.code)
          : groupBy === 'landClass'
            ? LAND_CLASSES.map((landClass) => landClass.code)
            : [];
  return computeStatistics(store.parcelColumns(), filter, {
    groupBy,
    zone: store.park.zone,
    asOf: store.asOf(),
    keys,
  });
}

/** The Chinese name of a group key, for table rows: 村名, status label or land class label. */
export function groupName(store: ParcelStore, groupBy: GroupBy, key: string): string {
  if (groupBy === 'village') return store.villages().find((village) => village.code === key)?.name ?? key;
  if (groupBy === 'signing') return findCoded(SIGNING_STATUSES, key)?.zh ?? key;
  if (groupBy === 'clearance') return findCoded(CLEARANCE_STATUSES, key)?.zh ?? key;
  if (groupBy === 'landClass') return findCoded(LAND_CLASSES, key)?.zh ?? key;
  return key;
}

export function exportFileName(
  kind: string,
  filter: ParcelFilter,
  extension: string,
  now = new Date(),
): string {
  return `${kind}_${describeFilterForFileName(filter)}_${chinaDate(now)}.${extension}`;
}
