import { useEffect, useState } from 'react';
import type { ParcelEvent } from '../../../server/domain/events.ts';
import { api } from '../api/client.ts';
import type { Loadable } from './use-park-data.ts';

/**
 * The selected parcel's audit log (`GET /api/parcels/:id/events`), re-read whenever `refreshKey` changes: the
 * caller derives it from the parcel's version and its problems' versions, so a change made anywhere shows up.
 */
export function useParcelHistory(
  parcelId: number | null,
  refreshKey: string | null,
): Loadable<readonly ParcelEvent[]> | null {
  const [history, setHistory] = useState<{
    parcelId: number;
    state: Loadable<readonly ParcelEvent[]>;
  } | null>(null);
  useEffect(() => {
    if (parcelId === null || refreshKey === null) {
      setHistory(null);
      return;
    }
    const controller = new AbortController();
    // Keep the old list on screen while the new one loads, unless it belongs to another parcel.
    setHistory((current) =>
      current?.parcelId === parcelId ? current : { parcelId, state: { status: 'loading' } },
    );
    api
      .parcelEvents(parcelId, controller.signal)
      .then((events) => setHistory({ parcelId, state: { status: 'ready', data: events } }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setHistory({
          parcelId,
          state: { status: 'error', error: error instanceof Error ? error : new Error(String(error)) },
        });
      });
    return () => controller.abort();
  }, [parcelId, refreshKey]);
  return history?.parcelId === parcelId ? history.state : null;
}
