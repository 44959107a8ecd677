import type { StatisticsTable } from '../../../server/domain/statistics.ts';
import { type Axis, STATUSES_BY_AXIS } from '../../../server/domain/statuses.ts';
import type { VillageCollection } from '../api/client.ts';
import { useLanguage } from '../i18n/use-language.ts';

/**
 * The village multi-select. Each row shows the households that the rest of the filter leaves in that village
 * (`villageFacets`) and their status mix on the current axis, so a village can be judged before it is picked.
 */
export function VillageFilter({
  villages,
  facets,
  axis,
  selected,
  onToggle,
}: {
  villages: VillageCollection;
  facets: StatisticsTable;
  axis: Axis;
  selected: readonly string[];
  onToggle(villageCode: string): void;
}) {
  const { t, label, formats } = useLanguage();
  const rows = new Map(facets.rows.map((row) => [row.key, row]));
  return (
    <fieldset className="filter-group">
      <legend className="section-label">
        {t('villages')}
        <span className="section-label__hint">{t('villagesHint')}</span>
      </legend>
      <ul className="village-list">
        {villages.features.map(({ properties: village }) => {
          const row = rows.get(village.code);
          const households = row?.households ?? 0;
          const counts: Record<string, number> = row
            ? axis === 'signing'
              ? row.bySigning
              : row.byClearance
            : {};
          const doneShare = row ? (axis === 'signing' ? row.signedShare : row.clearedShare) : 0;
          return (
            <li key={village.code}>
              <button
                type="button"
                className="village-option"
                aria-pressed={selected.includes(village.code)}
                data-testid={`village-option-${village.code}`}
                onClick={() => onToggle(village.code)}
              >
                <span className="village-option__check" aria-hidden="true" />
                <span className="village-option__name">
                  {label({ zh: village.name, en: village.nameEn })}
                </span>
                <span className="village-option__count" data-testid={`village-count-${village.code}`}>
                  {formats.integer(households)}
                </span>
                <span className="village-option__share">{formats.percent(doneShare)}</span>
                <span className="status-bar" aria-hidden="true">
                  {STATUSES_BY_AXIS[axis].map((status) => {
                    const count = counts[status.code] ?? 0;
                    return households === 0 || count === 0 ? null : (
                      <span key={status.code} style={{ flexGrow: count, backgroundColor: status.color }} />
                    );
                  })}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
