import { copyFileSync } from 'node:fs';
import { buildBenchmarkPark } from './park-stores.ts';
const park = await buildBenchmarkPark(10_000);
copyFileSync(park.path, '/work/scratch/park10k.gpkg');
console.log('ok');
process.exit(0);
