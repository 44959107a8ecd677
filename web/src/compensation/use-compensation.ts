/** Loads what the compensation panels show; re-reads when the parcel's version (its status) changes. */
import { useEffect, useState } from 'react';
import { compensationApi, type ParcelCompensationView, type RateTablesView } from './compensation-api.ts';

export function useParcelCompensation(parcelId: number | null, version: number | undefined) {
  const [view, setView] = useState<ParcelCompensationView | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the trigger: a status change re-reads.
  useEffect(() => {
    setView(null);
    if (parcelId === null) return;
    let current = true;
    // A team outside its villages gets 403: the panel then shows nothing rather than an error.
    void compensationApi.parcel(parcelId).then((result) => {
      if (current) setView(result.ok ? result.value : null);
    });
    return () => {
      current = false;
    };
  }, [parcelId, version]);
  return view;
}

export function useRateTables(reloadKey: number) {
  const [rates, setRates] = useState<RateTablesView | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloadKey` is the trigger: publishing re-reads.
  useEffect(() => {
    let current = true;
    void compensationApi.rates().then((result) => {
      if (current) setRates(result.ok ? result.value : null);
    });
    return () => {
      current = false;
    };
  }, [reloadKey]);
  return rates;
}
