/**
 * Worker-thread entry of `startAreaWorker`. Asked to (`readGeoPackageGeometries`), it first reads a GeoPackage's
 * geometries, while the caller reads the attributes, and posts them back in shared memory, or the reading's
 * `SourceError` as plain data (a worker's error crosses as a bare `Error`). Then it takes chunks of the parcels still unclaimed (an atomic counter shared
 * with the caller, which takes chunks too once it has checked overlaps) and measures them into the shared result
 * arrays, until none is left. Then, when asked (`prepareWrite`), it computes what the write will need of the same
 * geometries (`writeGeometries`) while the caller builds the report and the plan.
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

parentPort?.on(
  'message',
  (
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
      const { groupOutlines, outline, blobs } = writeGeometries(measured, message);
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
      return;
    }
    const { flat, zone, areas, counters } = message;
    measured = flat;
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
