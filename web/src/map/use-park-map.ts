import { type RefObject, useEffect, useRef } from 'react';
import { ParkMap, type ParkMapCallbacks, type ParkMapInput } from './park-map.ts';

/**
 * Binds a `ParkMap` to a container: created once when the container mounts and destroyed in the cleanup (so
 * StrictMode's mount–unmount–mount leaves exactly one map), then fed its whole input through one effect.
 * Callbacks are read through a ref, so new closures never re-create the map.
 */
export function useParkMap(
  containerRef: RefObject<HTMLDivElement | null>,
  input: ParkMapInput,
  callbacks: ParkMapCallbacks,
  /** Where the app keeps the map to ask it for camera moves (`flyToParcel`); the map stays outside React. */
  handleRef?: RefObject<ParkMap | null>,
): void {
  const mapRef = useRef<ParkMap | null>(null);
  const callbacksRef = useRef(callbacks);
  useEffect(() => {
    callbacksRef.current = callbacks;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new ParkMap(container, {
      onSelectParcel: (parcelId) => callbacksRef.current.onSelectParcel(parcelId),
      onToggleVillage: (villageCode) => callbacksRef.current.onToggleVillage(villageCode),
      onCameraChange: (camera) => callbacksRef.current.onCameraChange(camera),
      onParcelsShown: () => callbacksRef.current.onParcelsShown(),
    });
    mapRef.current = map;
    if (handleRef) handleRef.current = map;
    return () => {
      map.destroy();
      mapRef.current = null;
      if (handleRef?.current === map) handleRef.current = null;
    };
  }, [containerRef, handleRef]);

  const { data, filter, colourBy, selectedParcelId, language, camera, problems, homeVillages } = input;
  useEffect(() => {
    mapRef.current?.update({
      data,
      filter,
      colourBy,
      selectedParcelId,
      language,
      camera,
      problems,
      homeVillages,
    });
  }, [data, filter, colourBy, selectedParcelId, language, camera, problems, homeVillages]);
}
