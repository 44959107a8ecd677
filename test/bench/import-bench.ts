/**
 * Survey import of 100k parcels against GDAL: the same file, our `npm run import -- --new-store` (read, map,
 * validate with overlap and red-line checks, write a GeoPackage) and `ogr2ogr -f GPKG` (read, reproject, write),
 * each a fresh process, timed and measured (peak resident memory) by GNU time, side by side in one run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { toGeoPackage } from '../../server/export/geopackage.ts';
import type { ExportContext } from '../../server/export/parcel-columns.ts';
import { parcelShapefile } from '../../server/export/shapefile/parcel-shapefile.ts';
import { shapefileZip } from '../../server/export/shapefile/write-shapefile.ts';
import { GeoPackageStore } from '../../server/store/geopackage-store.ts';
import { buildBenchmarkPark } from './park-stores.ts';
import { formatNumber, median, printTable } from './statistics.ts';

interface Measured {
  seconds: number;
  maximumResidentMegabytes: number;
}

/** Runs a command under GNU time (`%e %M`: elapsed seconds, peak RSS in KiB); output is discarded. */
function measure(command: string, parameters: readonly string[]): Measured {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...parameters], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, kibibytes] = last.split(' ').map(Number);
  if (result.status !== 0 || seconds === undefined || kibibytes === undefined) {
    throw new Error(`${command} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  }
  return { seconds, maximumResidentMegabytes: kibibytes / 1024 };
}

/** The machine's 1-minute load average: a shared machine's other work slows our two threads more than GDAL's one. */
function formatLoad(): string {
  return formatNumber(loadavg()[0] ?? 0, 2);
}

/**
 * The arguments of `node` in `npm run import` (package.json): what a user runs, with its Node options, without npm's
 * own start-up.
 */
function importCommand(): string[] {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const [node, ...parameters] = (scripts.import ?? '').split(/\s+/);
  if (node !== 'node' || parameters.length === 0) {
    throw new Error(`package.json: the import script is not "node …": ${scripts.import}`);
  }
  return parameters;
}

export async function runImportBenchmark(runs: number, parcelTarget = 100_000): Promise<string | null> {
  if (!existsSync('/usr/bin/time') || spawnSync('ogr2ogr', ['--version']).status !== 0) {
    console.log('\n### Survey import\n\nskipped: needs GNU time (/usr/bin/time) and GDAL (ogr2ogr)');
    return null;
  }
  const park = await buildBenchmarkPark(parcelTarget);
  const folder = mkdtempSync(join(tmpdir(), 'import-bench-'));
  try {
    // The deliveries: what a surveyor sends (GBK Shapefile, Gauss-Krüger with the zone in X, no .cpg) and a
    // GeoPackage in EPSG:4490, both written by our exporters from the benchmark park.
    const store = GeoPackageStore.open(park.path);
    const context: ExportContext = {
      villagesByCode: new Map(store.villages().map((village) => [village.code, village])),
      zone: store.park.zone,
      asOf: store.asOf(),
    };
    const { cpg: _withoutCodePage, ...shapefile } = parcelShapefile(store.records(), context, {
      encoding: 'gbk',
      crs: 'gauss-kruger',
      zonePrefixedX: true,
    });
    const shapefilePath = join(folder, 'survey.zip');
    writeFileSync(shapefilePath, shapefileZip(shapefile as never, 'survey'));
    const geoPackagePath = join(folder, 'survey.gpkg');
    writeFileSync(geoPackagePath, toGeoPackage(store.records(), context, []));
    const parcels = store.parcels().length;
    store.close();

    const inputs = [
      {
        name: 'Shapefile (zip, GBK, GK zone 36 with prefix)',
        path: shapefilePath,
        gdal: `/vsizip/${shapefilePath}`,
      },
      { name: 'GeoPackage (EPSG:4490)', path: geoPackagePath, gdal: geoPackagePath },
    ];
    // `npm run import` runs the command from a bundle it builds when the sources have changed (server/cli/run.mjs):
    // built here first, so that every timed run is what a user's second and later runs are.
    const command = importCommand();
    spawnSync(process.execPath, command, { stdio: 'ignore' });
    const loadBefore = formatLoad();
    const rows: string[][] = [];
    for (const input of inputs) {
      const ours: Measured[] = [];
      const gdal: Measured[] = [];
      for (let run = 0; run < runs; run++) {
        const ourOutput = join(folder, `ours-${run}.gpkg`);
        const gdalOutput = join(folder, `gdal-${run}.gpkg`);
        ours.push(
          measure(process.execPath, [
            ...command,
            input.path,
            '--new-store',
            ourOutput,
            '--park-name',
            'bench',
          ]),
        );
        gdal.push(
          measure('ogr2ogr', [
            '-f',
            'GPKG',
            gdalOutput,
            input.gdal,
            '-t_srs',
            'EPSG:4490',
            '-nlt',
            'MULTIPOLYGON',
          ]),
        );
        if (run === 0) {
          const size = (path: string) => `${formatNumber(statSync(path).size / 2 ** 20)} MB`;
          console.log(`${input.name}: our GeoPackage ${size(ourOutput)}, ogr2ogr's ${size(gdalOutput)}`);
        }
        rmSync(ourOutput, { force: true });
        rmSync(gdalOutput, { force: true });
      }
      const ourSeconds = median(ours.map((measured) => measured.seconds));
      const gdalSeconds = median(gdal.map((measured) => measured.seconds));
      rows.push([
        input.name,
        formatNumber(ourSeconds, 2),
        formatNumber(gdalSeconds, 2),
        `${formatNumber(ourSeconds / gdalSeconds, 2)}×`,
        formatNumber(median(ours.map((measured) => measured.maximumResidentMegabytes)), 0),
        formatNumber(median(gdal.map((measured) => measured.maximumResidentMegabytes)), 0),
        // Every pair, in the order run: one slow run (another process on the shared machine) shows here.
        ours
          .map(
            (measured, run) =>
              `${formatNumber(measured.seconds, 2)}/${formatNumber((gdal[run] as Measured).seconds, 2)}`,
          )
          .join(' '),
      ]);
    }
    console.log(`load average before: ${loadBefore}, after: ${formatLoad()}`);
    return printTable(
      `Survey import, ${parcels.toLocaleString('en')} parcels, to a GeoPackage (target ≤ 2× ogr2ogr); median of ${runs} fresh processes`,
      ['file', 'ours s', 'ogr2ogr s', 'ratio', 'ours peak MB', 'ogr2ogr peak MB', 'each run, ours/ogr2ogr s'],
      rows,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
    park.remove();
  }
}
