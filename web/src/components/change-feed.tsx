import type { ParcelEvent } from '../../../server/domain/events.ts';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import { useLanguage } from '../i18n/use-language.ts';
import type { StreamState } from '../state/use-change-stream.ts';
import { EventChange } from './event-change.tsx';

const STREAM_LABEL = {
  live: 'feedLive',
  connecting: 'feedConnecting',
  reconnecting: 'feedReconnecting',
} as const;

/** 最新动态: who changed what, when, newest first, live from the stream; an entry selects its household. */
export function ChangeFeed({
  events,
  stream,
  findParcel,
  villageNames,
  onSelectParcel,
  showTitle = true,
}: {
  events: readonly ParcelEvent[];
  stream: StreamState;
  findParcel(parcelId: number): ParcelSummary | undefined;
  villageNames: ReadonlyMap<string, { zh: string; en: string }>;
  onSelectParcel(parcelId: number): void;
  showTitle?: boolean;
}) {
  const { t, label, formats } = useLanguage();
  return (
    <section className="change-feed" data-testid="feed" aria-label={t('feed')}>
      <div className="change-feed__header">
        {showTitle && <h2 className="section-title">{t('feed')}</h2>}
        <span className="stream-state" data-state={stream} data-testid="stream-state">
          <span className="stream-state__dot" aria-hidden="true" />
          {t(STREAM_LABEL[stream])}
        </span>
      </div>
      {events.length === 0 ? (
        <p className="hint">{t('feedEmpty')}</p>
      ) : (
        <ol className="change-feed__list">
          {events.map((event) => {
            const parcel = findParcel(event.parcelId);
            const village = villageNames.get(event.village);
            return (
              <li key={event.id}>
                <button
                  type="button"
                  className="feed-item"
                  data-kind={event.kind}
                  data-testid={`feed-item-${event.id}`}
                  onClick={() => onSelectParcel(event.parcelId)}
                >
                  <span className="feed-item__meta">
                    <time dateTime={event.recordedAt}>{formats.shortDateTime(event.recordedAt)}</time>
                    <span className="feed-item__user">{event.user}</span>
                  </span>
                  <span className="feed-item__who">
                    <strong>{parcel?.holder ?? event.parcelCode}</strong>
                    <span className="feed-item__place">{village ? label(village) : event.village}</span>
                  </span>
                  <EventChange event={event} />
                  {event.note && <span className="feed-item__note">{event.note}</span>}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
