import { useMemo } from 'react';
import type { ParcelFilter } from '../../../server/domain/filters.ts';
import { computeDashboardStatistics, type DashboardStatistics } from './dashboard-statistics.ts';
import type { ParkData } from './park-data.ts';

/** Recomputed only when the parcels (a status refresh) or the filter change. */
export function useDashboardStatistics(
  data: ParkData | null,
  filter: ParcelFilter,
): DashboardStatistics | null {
  return useMemo(
    () =>
      data === null
        ? null
        : computeDashboardStatistics(data.parcels, filter, {
            zone: data.meta.zone,
            asOf: data.asOf,
            villageCodes: data.villageCodes,
          }),
    [data, filter],
  );
}
