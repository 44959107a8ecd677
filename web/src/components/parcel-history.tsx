import type { ParcelEvent } from '../../../server/domain/events.ts';
import { PROBLEM_KINDS, type Problem } from '../../../server/domain/problems.ts';
import { useLanguage } from '../i18n/use-language.ts';
import type { Loadable } from '../state/use-park-data.ts';
import { EventChange } from './event-change.tsx';

/** Every event of the household, newest first: when (China time), who, what changed, and why. */
export function ParcelHistory({
  history,
  problemsById,
}: {
  history: Loadable<readonly ParcelEvent[]> | null;
  problemsById: ReadonlyMap<number, Problem>;
}) {
  const { t, label, formats } = useLanguage();
  if (history === null) return null;
  return (
    <section className="parcel-history" data-testid="history" aria-labelledby="history-title">
      <h3 className="subsection-title" id="history-title">
        {t('history')}
      </h3>
      {history.status === 'loading' && <p className="hint">{t('historyLoading')}</p>}
      {history.status === 'error' && <p className="error-text">{history.error.message}</p>}
      {history.status === 'ready' && history.data.length === 0 && <p className="hint">{t('historyEmpty')}</p>}
      {history.status === 'ready' && history.data.length > 0 && (
        <ol className="timeline">
          {[...history.data].reverse().map((event) => {
            const problem = event.problemId === null ? undefined : problemsById.get(event.problemId);
            const kind = problem && PROBLEM_KINDS.find((entry) => entry.code === problem.kind);
            return (
              <li
                key={event.id}
                className="timeline__item"
                data-kind={event.kind}
                data-testid={`history-item-${event.id}`}
              >
                <div className="timeline__meta">
                  <time dateTime={event.at}>{formats.dateTime(event.at)}</time>
                  <span className="timeline__user">{event.user}</span>
                </div>
                <EventChange event={event} />
                {kind && <span className="timeline__kind">{label(kind)}</span>}
                {event.note && <p className="timeline__note">{event.note}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
