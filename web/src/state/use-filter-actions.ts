import type { ParcelFilter } from '../../../server/domain/filters.ts';
import { type Axis, CLEARANCE_STATUSES, SIGNING_STATUSES } from '../../../server/domain/statuses.ts';
import { toggleFilterValue } from './filter-edits.ts';
import type { ViewStateHandle } from './use-view-state.ts';

const SIGNING_ORDER = SIGNING_STATUSES.map((status) => status.code);
const CLEARANCE_ORDER = CLEARANCE_STATUSES.map((status) => status.code);

export interface FilterActions {
  setFilter(filter: ParcelFilter): void;
  /** A legend click: toggles a status of the given axis. */
  toggleStatus(axis: Axis, code: string): void;
  /** A village clicked on the map. */
  toggleVillage(villageCode: string): void;
}

/** The filter edits the map and the legend make, written to the URL (and so to every panel). */
export function useFilterActions(view: ViewStateHandle, villageCodes: readonly string[]): FilterActions {
  const { filter } = view.state;
  const setFilter = (next: ParcelFilter) => view.update({ filter: next });
  return {
    setFilter,
    toggleStatus: (axis, code) =>
      setFilter(
        axis === 'signing'
          ? toggleFilterValue(filter, 'signing', code as ParcelFilter['signing'][number], SIGNING_ORDER)
          : toggleFilterValue(
              filter,
              'clearance',
              code as ParcelFilter['clearance'][number],
              CLEARANCE_ORDER,
            ),
      ),
    toggleVillage: (villageCode) =>
      setFilter(toggleFilterValue(filter, 'villages', villageCode, villageCodes)),
  };
}
