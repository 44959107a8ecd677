/** Benchmark parks: generated with the sample generator at a given size, built into a GeoPackage once per run. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePark } from '../../server/sample/generate-park.ts';
import { createParkGeoPackage } from '../../server/store/create-park-geopackage.ts';
import { GeoPackageStore } from '../../server/store/geopackage-store.ts';
import { addTestUser } from '../support/api-session.ts';

export interface BenchmarkPark {
  parcels: number;
  path: string;
  generateMilliseconds: number;
  buildMilliseconds: number;
  remove: () => void;
}

export async function buildBenchmarkPark(parcelTarget: number): Promise<BenchmarkPark> {
  const directory = mkdtempSync(join(tmpdir(), `parcel-bench-${parcelTarget}-`));
  const path = join(directory, 'park.gpkg');
  let started = performance.now();
  const park = generatePark({ seed: 7, parcelTarget });
  const generateMilliseconds = performance.now() - started;
  started = performance.now();
  createParkGeoPackage(path, park, { builtAt: new Date().toISOString() });
  const buildMilliseconds = performance.now() - started;
  const store = GeoPackageStore.open(path);
  await addTestUser(store, 'bench', 'hq');
  const parcels = store.parcels().length;
  store.close();
  return {
    parcels,
    path,
    generateMilliseconds,
    buildMilliseconds,
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
