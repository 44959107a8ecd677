/**
 * The parcels' areas measured by two threads (`parcel-areas.ts`): a worker started before the geometries are
 * repaired begins on them as soon as they are handed over, while the caller checks overlaps; then the caller takes
 * its share of what is left (`finish`). Both claim chunks from one atomic counter and write into shared arrays,
 * so the work divides itself whatever either thread is slowed by. Whatever goes wrong in the worker, the caller
 * measures everything itself: the worker saves time, never changes a number (both run the same area engine on the
 * same coordinates).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import type { GaussKrugerZone } from '../domain/areas.ts';
import { type FlatGeometries, geometryAt } from './flat-geometries.ts';
import { measureParcels, type ParcelAreas } from './parcel-areas.ts';
import { AREA_CHUNK, CLAIMED, COMPLETED, COUNTERS, IN_WORKER } from './shared-area-counters.ts';
import { tsxWorker } from './tsx-worker.ts';

/** The areas, and how many of them the worker measured (0: it could not, and all were measured here). */
export type MeasuredAreas = ParcelAreas & { measuredInWorker: number };

export interface AreaMeasurement {
  /** Measures what the worker has not claimed, here; resolves when every area is known. Ends the worker. */
  finish(): Promise<MeasuredAreas>;
}

export interface AreaWorker {
  /** Resolves once the worker has loaded the area engine (or failed to). */
  ready: Promise<void>;
  /**
   * Hands the geometries over, flattened in shared memory (`flattenGeometries(geometries, true)`): the worker
   * starts measuring them at once.
   */
  measure(flat: FlatGeometries, zone: GaussKrugerZone): AreaMeasurement;
  /** Ends the worker without using it. */
  close(): void;
}

function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

export function startAreaWorker(): AreaWorker {
  let worker: Worker | null = null;
  let failed = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  try {
    worker = tsxWorker(new URL('./areas-worker.ts', import.meta.url));
    // An idle worker must not keep a command-line import alive.
    worker.unref();
    worker.on('message', (message: { type: string }) => {
      if (message.type === 'ready') markReady();
    });
    worker.on('error', () => {
      failed = true;
      markReady();
    });
    worker.on('exit', () => {
      failed = true;
      markReady();
    });
  } catch {
    failed = true;
    markReady();
  }
  const close = () => {
    const running = worker;
    worker = null;
    void running?.terminate();
  };
  return {
    ready,
    close,
    measure(flat, zone) {
      const count = flat.geometryParts.length - 1;
      const areas: ParcelAreas = { ellipsoid: sharedFloat64(count), plane: sharedFloat64(count) };
      const counters = new Int32Array(new SharedArrayBuffer(COUNTERS * Int32Array.BYTES_PER_ELEMENT));
      if (worker && !failed) worker.postMessage({ flat, zone, areas, counters });
      const here = (position: number) => geometryAt(flat, position);
      return {
        async finish() {
          try {
            for (;;) {
              const from = Atomics.add(counters, CLAIMED, AREA_CHUNK);
              if (from >= count) break;
              const to = Math.min(count, from + AREA_CHUNK);
              measureParcels(here, from, to, zone, areas);
              Atomics.add(counters, COMPLETED, to - from);
            }
            // The worker's last chunk: a few milliseconds at most.
            while (Atomics.load(counters, COMPLETED) < count && !failed) await sleep(1);
            if (Atomics.load(counters, COMPLETED) < count) {
              measureParcels(here, 0, count, zone, areas);
              return { ...areas, measuredInWorker: 0 };
            }
            return { ...areas, measuredInWorker: Atomics.load(counters, IN_WORKER) };
          } finally {
            close();
          }
        },
      };
    },
  };
}
