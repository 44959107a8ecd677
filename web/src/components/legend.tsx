import type { ParcelFilter } from '../../../server/domain/filters.ts';
import type { StatisticsRow } from '../../../server/domain/statistics.ts';
import { AXES, type Axis, STATUSES_BY_AXIS } from '../../../server/domain/statuses.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { StatusSwatch } from './status-swatch.tsx';

/**
 * The legend of the current colour axis, with each status's count among the filtered parcels (the total row of
 * `computeStatistics`). Clicking a status toggles it in the filter.
 */
export function Legend({
  axis,
  total,
  filter,
  onToggleStatus,
}: {
  axis: Axis;
  total: StatisticsRow;
  filter: ParcelFilter;
  onToggleStatus(axis: Axis, code: string): void;
}) {
  const { t, label, formats } = useLanguage();
  const counts: Record<string, number> = axis === 'signing' ? total.bySigning : total.byClearance;
  const selected: readonly string[] = axis === 'signing' ? filter.signing : filter.clearance;
  const axisDefinition = AXES.find((entry) => entry.code === axis);
  return (
    <section className="panel-section" data-testid="legend" aria-labelledby="legend-title">
      <h2 className="section-title" id="legend-title">
        {t('legend')}
        {axisDefinition && <span className="section-title__aside">{label(axisDefinition)}</span>}
      </h2>
      <ul className="legend" title={t('legendHint')}>
        {STATUSES_BY_AXIS[axis].map((status) => {
          const count = counts[status.code] ?? 0;
          const share = total.households === 0 ? 0 : count / total.households;
          const isSelected = selected.includes(status.code);
          return (
            <li key={status.code}>
              <button
                type="button"
                className="legend__item"
                aria-pressed={isSelected}
                data-dimmed={selected.length > 0 && !isSelected}
                data-testid={`legend-item-${status.code}`}
                onClick={() => onToggleStatus(axis, status.code)}
              >
                <StatusSwatch status={status} />
                <span className="legend__label">{label(status)}</span>
                <span className="legend__count" data-testid={`legend-count-${status.code}`}>
                  {formats.integer(count)}
                </span>
                <span className="legend__share">{formats.percent(share)}</span>
                <span className="legend__bar" aria-hidden="true">
                  <span style={{ width: `${share * 100}%`, backgroundColor: status.color }} />
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
