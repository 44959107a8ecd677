import { useSyncExternalStore } from 'react';
import { WIDE_LAYOUT_MIN_WIDTH } from '../map/camera.ts';

const QUERY = `(min-width: ${WIDE_LAYOUT_MIN_WIDTH}px)`;

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** True on a wall screen or desktop (side panels), false on a phone (bottom sheet). Same breakpoint as the CSS. */
export function useWideLayout(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches);
}
