import type { RefObject } from 'react';
import { useLanguage } from '../i18n/use-language.ts';
import type { ParkMap } from '../map/park-map.ts';
import { dateAtIndex, PLAY_SPEEDS, sliderIndex } from '../state/time-slider.ts';
import { daysBetween } from '../state/time-slider-dates.ts';
import { useTimeSlider } from '../state/use-time-slider.ts';

/**
 * 历史回放: a compact bar at the bottom of the map. The slider runs from the first event's day to today; today is
 * "now", the live map. Away from now a badge says which day the colours are from, so nobody reads a replay as the
 * current state.
 *
 * The slider keeps its own state: a drag or a playback tick re-renders this bar, not the dashboard, and hands the
 * day's status bytes straight to the map.
 */
export function TimeSlider({
  parcelCount,
  geometryRevision,
  mapRef,
  onStale,
  onUnauthorised,
}: {
  parcelCount: number;
  /** The geometry revision the map's parcels were loaded at: status bytes of another one are in another order. */
  geometryRevision: number;
  mapRef: RefObject<ParkMap | null>;
  /** The server's parcels changed (a new import): reload the park. */
  onStale(): void;
  onUnauthorised(): void;
}) {
  const { t } = useLanguage();
  const slider = useTimeSlider(
    parcelCount > 0,
    { parcelCount, geometryRevision },
    (statuses) => mapRef.current?.setHistoricalStatuses(statuses),
    onStale,
    onUnauthorised,
  );
  const { range, position, loadingDate, error } = slider;
  if (!range) return null;
  const days = daysBetween(range.from, range.to) + 1;
  const index = sliderIndex(range, position.date);
  const historical = position.date !== null;
  const shownDate = position.date ?? range.to;
  return (
    <section
      className={`time-slider${historical ? ' time-slider--historical' : ''}`}
      aria-label={t('timeSliderLabel')}
      data-testid="time-slider"
    >
      <div className="time-slider__status" aria-live="polite">
        {historical ? (
          <span className="time-slider__badge" data-testid="time-slider-badge">
            {t('timeSliderHistorical', { date: shownDate })}
          </span>
        ) : (
          <span className="time-slider__live">{t('timeSliderLive')}</span>
        )}
        {loadingDate !== null && <span className="time-slider__loading">{t('timeSliderLoading')}</span>}
        {error && (
          <span className="time-slider__error" role="alert">
            {t('timeSliderError')}
          </span>
        )}
      </div>
      <div className="time-slider__row">
        <button
          type="button"
          className="button time-slider__play"
          onClick={slider.togglePlay}
          aria-pressed={position.playing}
          data-testid="time-slider-play"
          title={position.playing ? t('timeSliderPause') : t('timeSliderPlay')}
        >
          <span aria-hidden="true">{position.playing ? '❚❚' : '▶'}</span>
          <span className="visually-hidden">
            {position.playing ? t('timeSliderPause') : t('timeSliderPlay')}
          </span>
        </button>
        <span className="time-slider__end">{range.from.slice(5)}</span>
        <input
          type="range"
          className="time-slider__range"
          min={0}
          max={days - 1}
          step={1}
          value={index}
          aria-label={t('timeSliderDate')}
          aria-valuetext={historical ? shownDate : t('timeSliderNow')}
          data-testid="time-slider-range"
          onChange={(event) => slider.setDate(dateAtIndex(range, Number(event.currentTarget.value)))}
        />
        <output className="time-slider__date" data-testid="time-slider-date">
          {historical ? shownDate : t('timeSliderNow')}
        </output>
        <select
          className="time-slider__speed"
          value={position.speed}
          aria-label={t('timeSliderSpeed')}
          onChange={(event) => slider.setSpeed(Number(event.currentTarget.value))}
        >
          {PLAY_SPEEDS.map((speed) => (
            <option key={speed} value={speed}>
              {t('timeSliderSpeedValue', { speed })}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button time-slider__now"
          disabled={!historical}
          onClick={() => slider.setDate(null)}
          data-testid="time-slider-now"
        >
          {t('timeSliderNow')}
        </button>
      </div>
    </section>
  );
}
