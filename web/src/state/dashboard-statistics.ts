/**
 * Every number the dashboard shows comes from one call of the shared `computeStatistics` over the same parcels
 * and the same filter the map masks with, so the legend, the table, the header and `/api/stats` agree.
 */
import type { GaussKrugerZone } from '../../../server/domain/areas.ts';
import type { ParcelFilter } from '../../../server/domain/filters.ts';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import { computeStatistics, type StatisticsTable } from '../../../server/domain/statistics.ts';

export interface DashboardStatistics {
  /** By village over the current filter: the table, its total row, the legend counts, the visible count. */
  byVillage: StatisticsTable;
  /** By village over the filter without its village part: the counts next to each village in the filter list. */
  villageFacets: StatisticsTable;
}

export function computeDashboardStatistics(
  parcels: readonly ParcelSummary[],
  filter: ParcelFilter,
  options: { zone: GaussKrugerZone; asOf: string; villageCodes: readonly string[] },
): DashboardStatistics {
  const statisticsOptions = {
    groupBy: 'village' as const,
    zone: options.zone,
    asOf: options.asOf,
    keys: options.villageCodes,
  };
  return {
    byVillage: computeStatistics(parcels, filter, statisticsOptions),
    villageFacets: computeStatistics(parcels, { ...filter, villages: [] }, statisticsOptions),
  };
}
