import { useEffect, useState } from 'react';
import type { ParcelDetail } from '../api/client.ts';
import { api } from '../api/client.ts';
import type { Loadable } from './use-park-data.ts';

/**
 * The selected parcel's record from `GET /api/parcels/:id` (with masked ID number and phone); null when none is
 * selected or the park (and the session) is not loaded yet.
 */
export function useParcelDetail(
  parcelId: number | null,
  version: number | undefined,
): Loadable<ParcelDetail> | null {
  const [detail, setDetail] = useState<Loadable<ParcelDetail> | null>(null);
  useEffect(() => {
    // Read once the park has loaded (so after signing in), and again whenever this parcel's summary version
    // changes (a pushed change, our own write), so the record's statuses match the map's colours.
    if (parcelId === null || version === undefined) {
      setDetail(null);
      return;
    }
    const controller = new AbortController();
    setDetail((current) =>
      current?.status === 'ready' && current.data.parcel.id === parcelId ? current : { status: 'loading' },
    );
    api
      .parcel(parcelId, controller.signal)
      .then((data) => setDetail({ status: 'ready', data }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setDetail({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      });
    return () => controller.abort();
  }, [parcelId, version]);
  return detail;
}
