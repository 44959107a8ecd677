/**
 * Worker-thread entry of `startAreaWorker`: measures each batch of flat geometries it is sent and posts the areas
 * back, transferring their buffers.
 */
import { parentPort } from 'node:worker_threads';
import type { GaussKrugerZone } from '../domain/areas.ts';
import type { FlatGeometries } from './flat-geometries.ts';
import { flatParcelAreas } from './parcel-areas.ts';

parentPort?.on('message', ({ flat, zone }: { flat: FlatGeometries; zone: GaussKrugerZone }) => {
  try {
    const areas = flatParcelAreas(flat, zone);
    parentPort?.postMessage({ type: 'areas', areas }, [
      areas.ellipsoid.buffer as ArrayBuffer,
      areas.plane.buffer as ArrayBuffer,
    ]);
  } catch (error) {
    parentPort?.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
parentPort?.postMessage({ type: 'ready' });
