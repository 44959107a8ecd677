import type { ParcelEvent } from '../../../server/domain/events.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { describeEvent } from '../state/event-list.ts';
import { ColouredChip } from './coloured-chip.tsx';

/** "签约 已评估 → 已签约" with the statuses as chips in their table colours, and a 更正 badge for a correction. */
export function EventChange({ event }: { event: ParcelEvent }) {
  const { t, label } = useLanguage();
  const description = describeEvent(event);
  return (
    <span className="event-change">
      <span className="event-change__axis">
        {description.axis ? label(description.axis) : t('problemAxis')}
      </span>
      {description.from && <ColouredChip status={description.from} label={label(description.from)} small />}
      {description.from && (
        <span className="event-change__arrow" aria-hidden="true">
          →
        </span>
      )}
      {description.to ? (
        <ColouredChip status={description.to} label={label(description.to)} small />
      ) : (
        <span>{event.to}</span>
      )}
      {description.isCorrection && (
        <span className="badge badge--correction" data-testid="correction-badge">
          {t('correction')}
        </span>
      )}
    </span>
  );
}
