/**
 * The parcels' areas measured by two threads (`parcel-areas.ts`): a worker started before the geometries are
 * repaired begins on them as soon as they are handed over, while the caller checks overlaps; then the caller takes
 * its share of what is left (`finish`). Both claim chunks from one atomic counter and write into shared arrays,
 * so the work divides itself whatever either thread is slowed by. Whatever goes wrong in the worker, the caller
 * measures everything itself: the worker saves time, never changes a number (both run the same area engine on the
 * same coordinates).
 *
 * Before the areas, the worker can read a GeoPackage's geometries (`readGeoPackageGeometries`) while the caller
 * reads the attributes: it is otherwise idle until the file is read.
 *
 * Once its share of the areas is measured, the worker can go on with what the write will need of the same
 * geometries (`prepareWrite`, `write-geometries.ts`), which the caller would otherwise compute after the report,
 * with the worker idle.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import type { GaussKrugerZone } from '../domain/areas.ts';
import { type FlatGeometries, geometryAt } from './flat-geometries.ts';
import { measureParcels, type ParcelAreas } from './parcel-areas.ts';
import type { GeoPackageGeometries, GeoPackageGeometriesRequest } from './read/geopackage.ts';
import { AREA_CHUNK, CLAIMED, COMPLETED, COUNTERS, IN_WORKER } from './shared-area-counters.ts';
import { SourceError } from './source.ts';
import { tsxWorker } from './tsx-worker.ts';
import type { WriteGeometries, WriteGeometriesRequest } from './write-geometries.ts';

/** The areas, and how many of them the worker measured (0: it could not, and all were measured here). */
export type MeasuredAreas = ParcelAreas & { measuredInWorker: number };

export interface AreaMeasurement {
  /**
   * Asks the worker to compute, once the areas are measured, what the write needs of the geometries
   * (`writeGeometries`); called before `finish`. Without it the worker ends with the areas.
   */
  prepareWrite(request: WriteGeometriesRequest): void;
  /** Measures what the worker has not claimed, here; resolves when every area is known. */
  finish(): Promise<MeasuredAreas>;
  /**
   * After `finish`: what `prepareWrite` asked for, or null when it was not asked or the worker could not (the
   * caller then computes it itself). Ends the worker.
   */
  writeGeometries(): Promise<WriteGeometries | null>;
}

export interface AreaWorker {
  /** Resolves once the worker has loaded the area engine (or failed to). */
  ready: Promise<void>;
  /**
   * Reads a GeoPackage layer's geometries in the worker (`readGeoPackageGeometries`), as soon as it has started.
   * Rejects with the reading's `SourceError`; resolves null when the worker cannot read them (the caller then
   * reads them itself).
   */
  readGeoPackageGeometries(request: GeoPackageGeometriesRequest): Promise<GeoPackageGeometries | null>;
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
  /** The layer handed to `measure`, which the worker's blobs are of. */
  let layer: FlatGeometries | null = null;
  // Settled by the worker's `write-geometries` message, or with null when it cannot send one.
  let receiveWriteGeometries: (prepared: WriteGeometries | null) => void = () => undefined;
  const written = new Promise<WriteGeometries | null>((resolve) => {
    receiveWriteGeometries = resolve;
  });
  /** Settles the pending `readGeoPackageGeometries`, if any. */
  let receiveGeometries: (
    geometries: GeoPackageGeometries | null,
    refusal: { zh: string; en: string; where: string | undefined } | null,
  ) => void = () => undefined;
  const stop = () => {
    failed = true;
    markReady();
    receiveWriteGeometries(null);
    receiveGeometries(null, null);
  };
  try {
    worker = tsxWorker(new URL('./areas-worker.ts', import.meta.url));
    // An idle worker must not keep a command-line import alive.
    worker.unref();
    worker.on('message', (message: { type: string } & Omit<WriteGeometries, 'blobs'>) => {
      if (message.type === 'ready') markReady();
      if (message.type === 'geopackage-geometries') {
        const { geometries, refusal } = message as typeof message & {
          geometries: GeoPackageGeometries | null;
          refusal?: { zh: string; en: string; where: string | undefined } | null;
        };
        receiveGeometries(geometries, refusal ?? null);
      }
      if (message.type === 'write-geometries') {
        const { groupOutlines, outline, blobs } = message as typeof message & {
          blobs: Omit<NonNullable<WriteGeometries['blobs']>, 'flat'> | null;
        };
        receiveWriteGeometries({
          groupOutlines,
          outline,
          blobs: blobs && layer ? { ...blobs, flat: layer } : null,
        });
      }
    });
    worker.on('error', stop);
    worker.on('exit', stop);
  } catch {
    stop();
  }
  const close = () => {
    const running = worker;
    worker = null;
    receiveWriteGeometries(null);
    receiveGeometries(null, null);
    void running?.terminate();
  };
  return {
    ready,
    close,
    readGeoPackageGeometries(request) {
      if (!worker || failed) return Promise.resolve(null);
      const reading = new Promise<GeoPackageGeometries | null>((resolve, reject) => {
        receiveGeometries = (geometries, refusal) => {
          receiveGeometries = () => undefined;
          if (refusal) reject(new SourceError({ zh: refusal.zh, en: refusal.en }, refusal.where));
          else resolve(geometries);
        };
      });
      // The caller awaits the worker from now on (the geometries, then the areas and the write's geometries): it
      // keeps the process alive until it is closed.
      worker.ref();
      worker.postMessage({ type: 'read-geopackage', request });
      return reading;
    },
    measure(flat, zone) {
      const count = flat.geometryParts.length - 1;
      const areas: ParcelAreas = { ellipsoid: sharedFloat64(count), plane: sharedFloat64(count) };
      const counters = new Int32Array(new SharedArrayBuffer(COUNTERS * Int32Array.BYTES_PER_ELEMENT));
      layer = flat;
      if (worker && !failed) worker.postMessage({ type: 'measure', flat, zone, areas, counters });
      const here = (position: number) => geometryAt(flat, position);
      let writePrepared = false;
      return {
        prepareWrite(request) {
          if (!worker || failed) return;
          worker.postMessage({ type: 'prepare-write', ...request });
          writePrepared = true;
        },
        async writeGeometries() {
          // Awaited: the worker must keep the process alive until it answers.
          worker?.ref();
          try {
            return await written;
          } finally {
            close();
          }
        },
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
            // The worker goes on with the write's geometries only when asked, and only if it measured its share.
            if (!writePrepared || failed) close();
          }
        },
      };
    },
  };
}
