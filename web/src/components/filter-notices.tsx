import type { FilterError } from '../../../server/domain/filters.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { MapNotice } from './map-notice.tsx';

/** Over the map: filter values from the link that were dropped, and "nothing matches" with a way out. */
export function FilterNotices({
  problems,
  empty,
  onClear,
}: {
  problems: readonly FilterError[];
  empty: boolean;
  onClear(): void;
}) {
  const { t, label } = useLanguage();
  return (
    <div className="map-notices">
      {problems.length > 0 && (
        <MapNotice testId="filter-problems">
          <p>{t('filterProblems')}</p>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.field}=${problem.value}`}>{label(problem.message)}</li>
            ))}
          </ul>
        </MapNotice>
      )}
      {empty && (
        <MapNotice testId="empty-filter">
          <p>{t('emptyFilter')}</p>
          <button type="button" className="button button--primary" onClick={onClear}>
            {t('clearFilters')}
          </button>
        </MapNotice>
      )}
    </div>
  );
}
