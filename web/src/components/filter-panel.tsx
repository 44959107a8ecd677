import { EMPTY_FILTER, isEmptyFilter, type ParcelFilter } from '../../../server/domain/filters.ts';
import type { StatisticsTable } from '../../../server/domain/statistics.ts';
import {
  type Axis,
  CLEARANCE_STATUSES,
  type ClearanceStatus,
  LAND_CLASSES,
  type LandClass,
  SIGNING_STATUSES,
  type SigningStatus,
} from '../../../server/domain/statuses.ts';
import type { VillageCollection } from '../api/client.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { toggleFilterValue } from '../state/filter-edits.ts';
import { CadreFilter } from './cadre-filter.tsx';
import { ChipFilter } from './chip-filter.tsx';
import { VillageFilter } from './village-filter.tsx';

const SIGNING_OPTIONS = SIGNING_STATUSES.map((status) => ({ ...status, status }));
const CLEARANCE_OPTIONS = CLEARANCE_STATUSES.map((status) => ({ ...status, status }));
const SIGNING_ORDER = SIGNING_STATUSES.map((status) => status.code);
const CLEARANCE_ORDER = CLEARANCE_STATUSES.map((status) => status.code);
const LAND_CLASS_ORDER = LAND_CLASSES.map((landClass) => landClass.code);

/** Every field of the shared `ParcelFilter`, edited in place; the URL follows. */
export function FilterPanel({
  filter,
  villages,
  villageCodes,
  facets,
  axis,
  onChange,
}: {
  filter: ParcelFilter;
  villages: VillageCollection;
  villageCodes: readonly string[];
  facets: StatisticsTable;
  axis: Axis;
  onChange(filter: ParcelFilter): void;
}) {
  const { t } = useLanguage();
  return (
    <section className="panel-section" aria-labelledby="filters-title" data-testid="filters">
      <div className="section-title-row">
        <h2 className="section-title" id="filters-title">
          {t('filters')}
        </h2>
        <button
          type="button"
          className="button button--quiet"
          disabled={isEmptyFilter(filter)}
          data-testid="clear-filters"
          onClick={() => onChange(EMPTY_FILTER)}
        >
          {t('clearFilters')}
        </button>
      </div>
      <VillageFilter
        villages={villages}
        facets={facets}
        axis={axis}
        selected={filter.villages}
        onToggle={(code) => onChange(toggleFilterValue(filter, 'villages', code, villageCodes))}
      />
      <ChipFilter
        title={t('signingStatuses')}
        options={SIGNING_OPTIONS}
        selected={filter.signing}
        testIdPrefix="filter-signing"
        onToggle={(code) =>
          onChange(toggleFilterValue(filter, 'signing', code as SigningStatus, SIGNING_ORDER))
        }
      />
      <ChipFilter
        title={t('clearanceStatuses')}
        options={CLEARANCE_OPTIONS}
        selected={filter.clearance}
        testIdPrefix="filter-clearance"
        onToggle={(code) =>
          onChange(toggleFilterValue(filter, 'clearance', code as ClearanceStatus, CLEARANCE_ORDER))
        }
      />
      <ChipFilter
        title={t('landClasses')}
        options={LAND_CLASSES}
        selected={filter.landClasses}
        testIdPrefix="filter-land-class"
        onToggle={(code) =>
          onChange(toggleFilterValue(filter, 'landClasses', code as LandClass, LAND_CLASS_ORDER))
        }
      />
      <CadreFilter value={filter.cadre} onChange={(cadre) => onChange({ ...filter, cadre })} />
    </section>
  );
}
