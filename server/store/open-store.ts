/** Opens the store, building it from the committed sample sources first when the GeoPackage does not exist yet. */
import { existsSync } from 'node:fs';
import { createParkGeoPackage } from './create-park-geopackage.ts';
import { GeoPackageStore } from './geopackage-store.ts';
import { readSampleDataset } from './read-sample.ts';

export function openOrCreateStore(storePath: string, sampleDirectory: string, log: (line: string) => void): GeoPackageStore {
  if (!existsSync(storePath)) {
    log(`building ${storePath} from the sample in ${sampleDirectory} …`);
    const started = performance.now();
    createParkGeoPackage(storePath, readSampleDataset(sampleDirectory), { builtAt: new Date().toISOString() });
    log(`built in ${Math.round(performance.now() - started)} ms`);
  }
  return GeoPackageStore.open(storePath);
}
