/**
 * Worker-thread entry of `startAreaWorker`: takes chunks of the parcels still unclaimed (an atomic counter shared
 * with the caller, which takes chunks too once it has checked overlaps) and measures them into the shared result
 * arrays, until none is left.
 */
import { parentPort } from 'node:worker_threads';
import type { GaussKrugerZone } from '../domain/areas.ts';
import { type FlatGeometries, geometryAt } from './flat-geometries.ts';
import { measureParcels, type ParcelAreas } from './parcel-areas.ts';
import { AREA_CHUNK, CLAIMED, COMPLETED, IN_WORKER } from './shared-area-counters.ts';

parentPort?.on(
  'message',
  ({
    flat,
    zone,
    areas,
    counters,
  }: {
    flat: FlatGeometries;
    zone: GaussKrugerZone;
    areas: ParcelAreas;
    counters: Int32Array;
  }) => {
    const count = areas.ellipsoid.length;
    for (;;) {
      const from = Atomics.add(counters, CLAIMED, AREA_CHUNK);
      if (from >= count) break;
      const to = Math.min(count, from + AREA_CHUNK);
      measureParcels((position) => geometryAt(flat, position), from, to, zone, areas);
      Atomics.add(counters, IN_WORKER, to - from);
      Atomics.add(counters, COMPLETED, to - from);
    }
    parentPort?.postMessage({ type: 'done' });
  },
);
parentPort?.postMessage({ type: 'ready' });
