/**
 * The parcels' areas in a worker thread (`parcel-areas.ts`): started as soon as a large delivery has been read, so
 * the thread has loaded tsx and the area engine by the time the geometries are repaired; the caller checks
 * overlaps meanwhile. Whatever goes wrong in the worker, the caller computes the areas itself: the worker saves
 * time, never changes a number.
 */
import type { Worker } from 'node:worker_threads';
import type { AreaGeometry, GaussKrugerZone } from '../domain/areas.ts';
import { flatBuffers, flattenGeometries } from './flat-geometries.ts';
import { type ParcelAreas, parcelAreas } from './parcel-areas.ts';
import { tsxWorker } from './tsx-worker.ts';

/** The areas, and whether the worker measured them (false: it could not, and they were measured here). */
export type MeasuredAreas = ParcelAreas & { inWorker: boolean };

export interface AreaWorker {
  /** The areas of `geometries`, from the worker, or computed here if the worker failed. Ends the worker. */
  areas(geometries: readonly (AreaGeometry | null)[], zone: GaussKrugerZone): Promise<MeasuredAreas>;
  /** Ends the worker without using it. */
  close(): void;
}

export function startAreaWorker(): AreaWorker {
  let worker: Worker | null;
  try {
    worker = tsxWorker(new URL('./areas-worker.ts', import.meta.url));
    // An idle worker must not keep a command-line import alive.
    worker.unref();
    worker.on('error', () => undefined);
  } catch {
    worker = null;
  }
  const close = () => void worker?.terminate();
  return {
    close,
    async areas(geometries, zone) {
      if (!worker) return { ...parcelAreas(geometries, zone), inWorker: false };
      const running = worker;
      const fromWorker = new Promise<ParcelAreas>((resolve, reject) => {
        running.on('message', (message: { type: string; areas?: ParcelAreas; message?: string }) => {
          if (message.type === 'areas' && message.areas) resolve(message.areas);
          else if (message.type === 'error') reject(new Error(message.message));
        });
        running.on('error', reject);
        running.on('exit', (code) => reject(new Error(`area worker stopped (exit code ${code})`)));
      });
      const flat = flattenGeometries(geometries);
      running.ref();
      running.postMessage({ flat, zone }, flatBuffers(flat));
      try {
        return { ...(await fromWorker), inWorker: true };
      } catch {
        return { ...parcelAreas(geometries, zone), inWorker: false };
      } finally {
        close();
      }
    },
  };
}
