/**
 * Worker-thread entry of `startAreaWorker`. Asked to (`readGeoPackageGeometries`), it first reads a GeoPackage's
 * geometries while the caller reads the attributes, and posts them back in shared memory, or the reading's
 * `SourceError` as plain data (a worker's error crosses as a bare `Error`). Then it takes chunks of the parcels
 * still unclaimed (an atomic counter shared with the caller, which takes chunks too once it has checked overlaps)
 * and measures them into the shared result arrays, until none is left. Asked to (`prepareWrite`), it computes what
 * the write will need of the same geometries (`writeGeometries`) between two chunks, so that it is ready before the
 * caller has built the report and the plan.
 */
import { parentPort } from 'node:worker_threads';
import type { GaussKrugerZone } from '../domain/areas.ts';
import { type FlatGeometries, geometryAt } from './flat-geometries.ts';
import { measureParcels, type ParcelAreas } from './parcel-areas.ts';
import { type GeoPackageGeometriesRequest, readGeoPackageGeometries } from './read/geopackage.ts';
import { AREA_CHUNK, CLAIMED, COMPLETED, IN_WORKER } from './shared-area-counters.ts';
import { SourceError } from './source.ts';
import { type WriteGeometriesRequest, writeGeometries } from './write-geometries.ts';

let measured: FlatGeometries | null = null;
/** Whether the worker is measuring: a `prepare-write` that comes meanwhile is answered between two chunks. */
let measuring = false;
let pendingWrite: WriteGeometriesRequest | null = null;

function prepareWrite(flat: FlatGeometries, request: WriteGeometriesRequest): void {
  const { groupOutlines, outline, blobs } = writeGeometries(flat, request);
  // The blobs are moved, not copied (some 45 MB at 100k parcels), and without the layer: the caller has it.
  parentPort?.postMessage(
    {
      type: 'write-geometries',
      groupOutlines,
      outline,
      blobs: blobs && { srsId: blobs.srsId, bytes: blobs.bytes, offsets: blobs.offsets },
    },
    blobs ? [blobs.bytes.buffer as ArrayBuffer] : [],
  );
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

parentPort?.on(
  'message',
  async (
    message:
      | {
          type: 'measure';
          flat: FlatGeometries;
          zone: GaussKrugerZone;
          areas: ParcelAreas;
          counters: Int32Array;
        }
      | ({ type: 'prepare-write' } & WriteGeometriesRequest)
      | { type: 'read-geopackage'; request: GeoPackageGeometriesRequest },
  ) => {
    if (message.type === 'read-geopackage') {
      try {
        parentPort?.postMessage({
          type: 'geopackage-geometries',
          geometries: readGeoPackageGeometries(message.request),
        });
      } catch (error) {
        // Anything but the reading's own refusal: the caller reads the geometries itself.
        const refusal =
          error instanceof SourceError ? { zh: error.zh, en: error.en, where: error.where } : null;
        parentPort?.postMessage({ type: 'geopackage-geometries', geometries: null, refusal });
      }
      return;
    }
    if (message.type === 'prepare-write') {
      // Ends the worker (an error): the caller then computes it all itself.
      if (!measured) throw new Error('areas worker: asked to prepare the write of no measured geometries');
      if (measuring) pendingWrite = message;
      else prepareWrite(measured, message);
      return;
    }
    const { flat, zone, areas, counters } = message;
    measured = flat;
    measuring = true;
    const count = areas.ellipsoid.length;
    for (;;) {
      const from = Atomics.add(counters, CLAIMED, AREA_CHUNK);
      if (from >= count) break;
      const to = Math.min(count, from + AREA_CHUNK);
      measureParcels((position) => geometryAt(flat, position), from, to, zone, areas);
      Atomics.add(counters, IN_WORKER, to - from);
      Atomics.add(counters, COMPLETED, to - from);
      // The write's geometries as soon as they are asked for (the caller asks before it measures its share):
      // done after the areas, they would keep the caller waiting for them once it has built the report.
      await nextTurn();
      if (pendingWrite) {
        const request = pendingWrite;
        pendingWrite = null;
        prepareWrite(flat, request);
      }
    }
    measuring = false;
    parentPort?.postMessage({ type: 'done' });
    if (pendingWrite) prepareWrite(flat, pendingWrite);
    pendingWrite = null;
  },
);
parentPort?.postMessage({ type: 'ready' });
