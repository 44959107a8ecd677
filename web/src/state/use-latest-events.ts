import { useCallback, useEffect, useState } from 'react';
import type { ParcelEvent } from '../../../server/domain/events.ts';
import { api } from '../api/client.ts';
import { mergeEvents } from './event-list.ts';

/** Entries the feed keeps; the first page comes from `GET /api/events`, the rest from the stream. */
export const FEED_LENGTH = 30;

export interface LatestEventsHandle {
  events: readonly ParcelEvent[];
  /** Events pushed over the stream or returned by our own writes (duplicates are dropped by id). */
  add(events: readonly ParcelEvent[]): void;
  reload(): void;
}

/** The latest-changes feed, newest first. */
export function useLatestEvents(enabled: boolean): LatestEventsHandle {
  const [events, setEvents] = useState<readonly ParcelEvent[]>([]);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    void generation;
    if (!enabled) {
      setEvents([]);
      return;
    }
    const controller = new AbortController();
    api
      .latestEvents(FEED_LENGTH, controller.signal)
      .then((latest) => setEvents((current) => mergeEvents(current, latest, 'newest-first', FEED_LENGTH)))
      .catch(() => undefined); // the feed is a convenience: the map and the numbers do not depend on it
    return () => controller.abort();
  }, [enabled, generation]);

  const add = useCallback((incoming: readonly ParcelEvent[]) => {
    setEvents((current) => mergeEvents(current, incoming, 'newest-first', FEED_LENGTH));
  }, []);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { events, add, reload };
}
