/**
 * `npm run sample`: regenerates the committed sample park in `data/sample/` (documented in data/README.md).
 * The output is reproducible byte for byte: run it twice and the files' sha256 sums match.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PARCEL_TARGET, DEFAULT_SEED, generatePark } from './generate-park.ts';
import { eventsCsvText, featureCollectionText } from './write.ts';

const directory = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'sample');
const started = performance.now();
const park = generatePark({ seed: DEFAULT_SEED, parcelTarget: DEFAULT_PARCEL_TARGET });
mkdirSync(directory, { recursive: true });
const files: [string, string][] = [
  ['park.geojson', featureCollectionText(park.park)],
  ['villages.geojson', featureCollectionText(park.villages)],
  ['parcels.geojson', featureCollectionText(park.parcels)],
  ['events.csv', eventsCsvText(park.events)],
];
for (const [name, text] of files) {
  writeFileSync(join(directory, name), text);
  console.log(`${name.padEnd(18)} ${(Buffer.byteLength(text) / 1e6).toFixed(2).padStart(6)} MB`);
}
console.log(
  `${park.parcels.features.length} parcels, ${park.villages.features.length} villages, ${park.events.length} events` +
    ` in ${((performance.now() - started) / 1000).toFixed(1)} s → ${directory}`,
);
