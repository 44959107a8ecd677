/**
 * API benchmark: each route through `app.request()` (no network), median of several runs, with the bytes a browser
 * would receive (gzip accepted). Baseline, side by side: `/api/meta`, the smallest signed-in route, i.e. the fixed
 * cost of routing, sessions and JSON.
 */
import { createApp } from '../../server/app.ts';
import { GeoPackageStore } from '../../server/store/geopackage-store.ts';
import { signIn } from '../support/api-session.ts';
import type { BenchmarkPark } from './park-stores.ts';
import { formatNumber, median, printTable, timeRuns } from './statistics.ts';

const ROUTES = [
  ['/api/meta', 'baseline'],
  ['/api/parcels/geometry', 'map geometry, binary'],
  ['/api/parcels/summaries', 'map attributes, columnar JSON'],
  ['/api/parcels', 'GeoJSON, all parcels'],
  ['/api/stats?groupBy=village', 'statistics (target ≤ 20 ms at 100k)'],
  ['/api/stats?groupBy=village&village=V01,V02&signing=signed', 'statistics, filtered'],
  ['/api/export?format=csv', 'export CSV'],
  ['/api/export?format=xlsx', 'export XLSX'],
  ['/api/export?format=geojson', 'export GeoJSON'],
  ['/api/export?format=gpkg', 'export GeoPackage'],
] as const;

export async function runApiBenchmark(park: BenchmarkPark, runs: number): Promise<string> {
  let started = performance.now();
  const store = GeoPackageStore.open(park.path);
  const openMilliseconds = performance.now() - started;
  try {
    const app = createApp(store);
    const session = await signIn(app, 'bench');
    const rows: string[][] = [];
    let baseline = Number.NaN;
    for (const [path, description] of ROUTES) {
      // The first request fills caches (geometry buffer); a browser's first visit pays it once per data change.
      started = performance.now();
      const first = await session.request(path, { headers: { 'Accept-Encoding': 'gzip' } });
      const firstBytes = (await first.arrayBuffer()).byteLength;
      const firstMilliseconds = performance.now() - started;
      // At 100k an XLSX export takes a minute: one timed run after the first is what the machine's time allows.
      const routeRuns = path.startsWith('/api/export') && park.parcels > 50_000 ? 1 : runs;
      const times = await timeRuns(routeRuns, async () => {
        const response = await session.request(path, { headers: { 'Accept-Encoding': 'gzip' } });
        await response.arrayBuffer();
      });
      const typical = median(times);
      if (path === '/api/meta') baseline = typical;
      rows.push([
        path,
        description,
        formatNumber(firstMilliseconds),
        formatNumber(typical),
        `${formatNumber(typical / baseline, 1)}×`,
        `${formatNumber(firstBytes / 1024, 0)} KiB`,
      ]);
    }
    return printTable(
      `API, ${park.parcels.toLocaleString('en')} parcels (generate ${formatNumber(park.generateMilliseconds / 1000, 1)} s, build GeoPackage ${formatNumber(park.buildMilliseconds / 1000, 1)} s, open ${formatNumber(openMilliseconds / 1000, 2)} s); median of ${runs}`,
      ['route', 'what', 'first ms', 'median ms', '÷ baseline', 'bytes (gzip)'],
      rows,
    );
  } finally {
    store.close();
  }
}
