/** Opens the store, building it from the committed sample sources first when the GeoPackage does not exist yet. */
import { existsSync } from 'node:fs';
import { createParkGeoPackage } from './create-park-geopackage.ts';
import { GeoPackageStore } from './geopackage-store.ts';
import { readSampleDataset } from './read-sample.ts';

export function openOrCreateStore(
  storePath: string,
  sampleDirectory: string,
  log: (line: string) => void,
): GeoPackageStore {
  if (!existsSync(storePath)) {
    log(`building ${storePath} from the sample in ${sampleDirectory} …`);
    const started = performance.now();
    const dataset = readSampleDataset(sampleDirectory);
    // The sample's statuses are current as of its last event, not as of the moment this machine built the store.
    const lastEvent = dataset.events.reduce<string | undefined>(
      (latest, event) =>
        latest === undefined || Date.parse(event.at) > Date.parse(latest) ? event.at : latest,
      undefined,
    );
    createParkGeoPackage(storePath, dataset, { builtAt: lastEvent ?? new Date().toISOString() });
    log(`built in ${Math.round(performance.now() - started)} ms`);
  }
  return GeoPackageStore.open(storePath);
}
