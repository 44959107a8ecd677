/** Fetches the public board and the list of villages. No session, no cookies needed: these routes are public. */
import { useEffect, useState } from 'react';
import type { PublicityBoard } from '../../../server/routes/publicity-board.ts';

export type BoardState =
  | { status: 'loading' }
  | { status: 'ready'; board: PublicityBoard }
  | { status: 'notFound' }
  | { status: 'error' };

export interface VillageEntry {
  code: string;
  name: string;
  nameEn: string;
}

export interface VillageIndex {
  park: { name: string; nameEn: string };
  villages: VillageEntry[];
}

export const publicityApi = {
  board: (village: string) => `/api/public/publicity/${encodeURIComponent(village)}`,
  xlsx: (village: string) => `/api/public/publicity/${encodeURIComponent(village)}/xlsx`,
  index: '/api/public/publicity',
};

export function usePublicityBoard(village: string): BoardState {
  const [state, setState] = useState<BoardState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetch(publicityApi.board(village), { signal: controller.signal })
      .then(async (response) => {
        if (response.status === 404) return setState({ status: 'notFound' });
        if (!response.ok) return setState({ status: 'error' });
        setState({ status: 'ready', board: (await response.json()) as PublicityBoard });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          console.error(error);
          setState({ status: 'error' });
        }
      });
    return () => controller.abort();
  }, [village]);
  return state;
}

export function useVillageIndex(): VillageIndex | undefined {
  const [index, setIndex] = useState<VillageIndex>();
  useEffect(() => {
    const controller = new AbortController();
    fetch(publicityApi.index, { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<VillageIndex>) : undefined))
      .then(setIndex)
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return index;
}
