import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { HistoricalStatuses } from '../map/park-map.ts';
import {
  checkStatusBytes,
  DayCache,
  NOW_POSITION,
  playTick,
  type SliderPosition,
  type SliderRange,
  tickMilliseconds,
} from './time-slider.ts';
import { addDays } from './time-slider-dates.ts';

/** A drag fires a change per pixel: only the day the thumb rests on for this long is requested. */
const DRAG_DEBOUNCE_MS = 120;
/** Days of status bytes kept (≈ 200 kB each at 100k parcels): a replay of two months stays in memory. */
const CACHE_DAYS = 90;

export interface TimeSliderHandle {
  range: SliderRange | null;
  position: SliderPosition;
  /** The day whose statuses are being fetched (the map still shows the previous one). */
  loadingDate: string | null;
  error: Error | null;
  /** A day, or null for "now" (live); stops playback when `stop` is set (a drag or a click). */
  setDate(date: string | null, options?: { stop?: boolean }): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
}

/**
 * The time slider's state and data: the range from the progress series, the day shown, playback, and the status
 * bytes of each day (one request per day, cached; a newer choice aborts an older request). The bytes go to the
 * map through `onStatuses`; null means "now", the live statuses. `onStale` is called when the server's parcels
 * no longer match the map's (another import): the park must be reloaded.
 */
export function useTimeSlider(
  enabled: boolean,
  park: { parcelCount: number; geometryRevision: number },
  onStatuses: (statuses: HistoricalStatuses | null) => void,
  onStale: () => void,
  onUnauthorised: () => void,
): TimeSliderHandle {
  const [range, setRange] = useState<SliderRange | null>(null);
  const [position, setPosition] = useState<SliderPosition>(NOW_POSITION);
  const [loadingDate, setLoadingDate] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const cacheRef = useRef(new DayCache<Uint8Array>(CACHE_DAYS));
  const callbacksRef = useRef({ onStatuses, onStale, onUnauthorised });
  useEffect(() => {
    callbacksRef.current = { onStatuses, onStale, onUnauthorised };
  });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    api
      .progress(controller.signal)
      .then((progress) => setRange({ from: progress.from, to: progress.to }))
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        if (reason instanceof ApiError && reason.status === 401) callbacksRef.current.onUnauthorised();
        else setError(reason instanceof Error ? reason : new Error(String(reason)));
      });
    return () => controller.abort();
  }, [enabled]);

  const { parcelCount, geometryRevision } = park;
  // Another park (a reload after an import) makes every cached day wrong.
  useEffect(() => {
    void parcelCount;
    void geometryRevision;
    cacheRef.current.clear();
  }, [parcelCount, geometryRevision]);

  const date = position.date;
  useEffect(() => {
    if (date === null) {
      setLoadingDate(null);
      callbacksRef.current.onStatuses(null);
      return;
    }
    const cache = cacheRef.current;
    const cached = cache.get(date);
    if (cached) {
      setLoadingDate(null);
      callbacksRef.current.onStatuses({ date, bytes: cached });
      return;
    }
    const controller = new AbortController();
    setLoadingDate(date);
    const fetchDay = async (day: string, signal?: AbortSignal) => {
      const answer = await api.parcelStatusesAsOf(day, signal);
      // Bytes are in the server's parcel order: another geometry revision (an import since the map loaded) or
      // another count means the map's parcels are not the server's any more.
      const otherRevision =
        answer.geometryRevision !== null && answer.geometryRevision !== String(geometryRevision);
      if (answer.parcelCount !== parcelCount || otherRevision) throw new StaleParcelsError();
      checkStatusBytes(answer.bytes, parcelCount);
      cache.set(day, answer.bytes);
      return answer.bytes;
    };
    const timer = window.setTimeout(() => {
      fetchDay(date, controller.signal)
        .then((bytes) => {
          if (controller.signal.aborted) return;
          setLoadingDate(null);
          setError(null);
          callbacksRef.current.onStatuses({ date, bytes });
          // Playback asks for the next day next: have it ready.
          const next = addDays(date, 1);
          if (!cache.get(next)) void fetchDay(next).catch(() => undefined);
        })
        .catch((reason: unknown) => {
          if (controller.signal.aborted) return;
          setLoadingDate(null);
          if (reason instanceof StaleParcelsError) {
            setPosition(NOW_POSITION);
            callbacksRef.current.onStale();
          } else if (reason instanceof ApiError && reason.status === 401) {
            callbacksRef.current.onUnauthorised();
          } else {
            setError(reason instanceof Error ? reason : new Error(String(reason)));
            setPosition((current) => ({ ...current, playing: false }));
          }
        });
    }, DRAG_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [date, parcelCount, geometryRevision]);

  // Playback advances only once the day on screen has arrived: a slow link slows the replay, never skips days.
  const { playing, speed } = position;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new day (even one cached, loadingDate staying null) arms the next tick
  useEffect(() => {
    if (!playing || !range || loadingDate !== null) return;
    const timer = window.setTimeout(
      () => setPosition((current) => (current.playing ? playTick(range, current) : current)),
      tickMilliseconds(speed),
    );
    return () => window.clearTimeout(timer);
  }, [playing, speed, range, loadingDate, date]);

  const setDate = useCallback((next: string | null, options: { stop?: boolean } = {}) => {
    setPosition((current) => ({
      ...current,
      date: next,
      playing: options.stop === false ? current.playing : false,
    }));
  }, []);
  const togglePlay = useCallback(() => {
    if (!range) return;
    setPosition((current) =>
      current.playing ? { ...current, playing: false } : playTick(range, { ...current, playing: true }),
    );
  }, [range]);
  const setSpeed = useCallback((next: number) => setPosition((current) => ({ ...current, speed: next })), []);

  return { range, position, loadingDate, error, setDate, togglePlay, setSpeed };
}

class StaleParcelsError extends Error {
  constructor() {
    super('the server has other parcels than the map');
  }
}
