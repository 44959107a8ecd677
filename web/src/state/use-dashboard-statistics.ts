import { useDeferredValue, useMemo } from 'react';
import type { ParcelFilter } from '../../../server/domain/filters.ts';
import { computeDashboardStatistics, type DashboardStatistics } from './dashboard-statistics.ts';
import type { ParkData } from './park-data.ts';

/**
 * Recomputed only when the parcels (a status refresh) or the filter change. The park's data reaches the panels one
 * render after the map: the render that hands a newly loaded park to the map does not wait for its statistics
 * (some hundreds of ms at 100k parcels), which React computes next, in a render it may interrupt.
 */
export function useDashboardStatistics(
  data: ParkData | null,
  filter: ParcelFilter,
): DashboardStatistics | null {
  const deferredData = useDeferredValue(data);
  return useMemo(
    () =>
      deferredData === null
        ? null
        : computeDashboardStatistics(deferredData.parcels, filter, {
            zone: deferredData.meta.zone,
            asOf: deferredData.asOf,
            villageCodes: deferredData.villageCodes,
          }),
    [deferredData, filter],
  );
}
