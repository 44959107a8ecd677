import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type Camera,
  formatViewState,
  type ParsedViewState,
  parseViewState,
  type ViewState,
} from './view-state.ts';

export type ViewStatePatch = Partial<Omit<ViewState, 'camera'>>;

export interface ViewStateHandle extends ParsedViewState {
  /** Changes the view and records it as a new history entry (Back undoes a filter change). */
  update(patch: ViewStatePatch): void;
  /** Records the map's camera in the hash without a history entry and without a React render. */
  writeCamera(camera: Camera): void;
}

function currentUrl(): string {
  return window.location.href;
}

/** Path plus `?query#hash`: an empty query must clear the old one, not keep it. */
function urlFor(state: ViewState): string {
  return `${window.location.pathname}${formatViewState(state)}`;
}

/**
 * The one hook that reads and writes the URL. The camera is owned by the map: it is written to the hash as the map
 * moves, and read back only when the URL changes from outside (Back/Forward, an edited hash).
 */
export function useViewState(knownVillages: readonly string[] | undefined): ViewStateHandle {
  const [parsed, setParsed] = useState<ParsedViewState>(() => parseViewState(currentUrl(), knownVillages));
  const stateRef = useRef(parsed.state);
  stateRef.current = parsed.state;
  const cameraRef = useRef<Camera | null>(parsed.state.camera);
  const knownVillagesRef = useRef(knownVillages);
  knownVillagesRef.current = knownVillages;

  // Once the village list is known, unknown village codes in the URL are dropped and reported. The camera is not
  // read again: the hash now holds the map's own camera, written as it moved, and read back as the URL's it would
  // stop the map fitting the park again when its size changes. The same view parsed again keeps its objects: a new
  // filter object would recompute every statistic (hundreds of ms at 100k parcels) for nothing.
  useEffect(() => {
    if (!knownVillages) return;
    const reparsed = parseViewState(currentUrl(), knownVillages);
    setParsed((previous) => {
      const next = { ...reparsed, state: { ...reparsed.state, camera: previous.state.camera } };
      return next.problems.length === 0 &&
        previous.problems.length === 0 &&
        formatViewState(next.state) === formatViewState(previous.state)
        ? previous
        : next;
    });
  }, [knownVillages]);

  useEffect(() => {
    const readUrl = () => {
      const next = parseViewState(currentUrl(), knownVillagesRef.current);
      cameraRef.current = next.state.camera;
      setParsed(next);
    };
    window.addEventListener('popstate', readUrl);
    window.addEventListener('hashchange', readUrl);
    return () => {
      window.removeEventListener('popstate', readUrl);
      window.removeEventListener('hashchange', readUrl);
    };
  }, []);

  const update = useCallback((patch: ViewStatePatch) => {
    const state: ViewState = { ...stateRef.current, ...patch, camera: stateRef.current.camera };
    window.history.pushState(null, '', urlFor({ ...state, camera: cameraRef.current }));
    stateRef.current = state;
    setParsed({ state, problems: [] });
  }, []);

  const writeCamera = useCallback((camera: Camera) => {
    cameraRef.current = camera;
    window.history.replaceState(null, '', urlFor({ ...stateRef.current, camera }));
  }, []);

  return { ...parsed, update, writeCamera };
}
