/**
 * The survey import's entry point: a delivered file (or a zip of them) → one `SourceLayer` in lon/lat. The reader
 * is chosen by extension, then by magic bytes. A zip may hold Shapefiles (in subfolders, with GBK names),
 * GeoPackages, GeoJSON and CSV; with more than one layer inside, the caller must choose (`listLayers`).
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { BilingualMessage } from '../../domain/transitions.ts';
import type { SourceLayer, WantedAttributes } from '../source.ts';
import { SourceError } from '../source.ts';
import { describeCsv, readCsv } from './csv.ts';
import { describeGeoJson, readGeoJson } from './geojson.ts';
import {
  type GeoPackageGeometries,
  type GeoPackageGeometriesRequest,
  listGeoPackageLayers,
  readGeoPackage,
  readGeoPackageAlongside,
} from './geopackage.ts';
import {
  describeShapefile,
  isPolygonShapeType,
  readShapefile,
  readShapeType,
  type ShapefileFiles,
} from './shapefile.ts';
import { decodeShortText } from './text-encoding.ts';
import { DEFAULT_ZIP_LIMITS, isZip, ZipArchive, type ZipEntry, type ZipLimits } from './zip.ts';

export interface ReadSurveyOptions {
  /** Layer to read when the file holds several (a name from `listLayers`). */
  layer?: string;
  /** Text encoding of the attributes, overriding `.cpg`, language driver and detection. */
  encoding?: string;
  /** EPSG code of the coordinates when the file declares none (Shapefile without `.prj`, CSV). */
  crs?: number;
  /** Zip-bomb limits; the defaults are 2 GiB in total and 200:1. */
  zipLimits?: Partial<ZipLimits>;
  /** The attributes to read (Shapefile and GeoPackage; other formats read all). */
  attributes?: WantedAttributes;
  /**
   * Reads a GeoPackage file's geometries elsewhere (the area worker) while this thread reads its attributes
   * (`readGeoPackageAlongside`). Not for a GeoPackage inside a zip, which is read from memory here.
   */
  geoPackageGeometries?: (request: GeoPackageGeometriesRequest) => Promise<GeoPackageGeometries | null>;
}

export interface LayerInfo {
  name: string;
  featureCount: number;
  geometryType: string;
}

type Format = 'zip' | 'shapefile' | 'geopackage' | 'geojson' | 'csv';

const EXTENSION_FORMATS: Record<string, Format> = {
  '.zip': 'zip',
  '.shp': 'shapefile',
  '.dbf': 'shapefile',
  '.shx': 'shapefile',
  '.gpkg': 'geopackage',
  '.geojson': 'geojson',
  '.json': 'geojson',
  '.geojsonl': 'geojson',
  '.geojsons': 'geojson',
  '.ndjson': 'geojson',
  '.csv': 'csv',
  '.txt': 'csv',
};

const SQLITE_MAGIC = 'SQLite format 3\0';

function formatOfBytes(bytes: Uint8Array): Format | undefined {
  if (isZip(bytes)) return 'zip';
  if (Buffer.from(bytes.subarray(0, 16)).toString('latin1') === SQLITE_MAGIC) return 'geopackage';
  if (bytes.length >= 4 && new DataView(bytes.buffer, bytes.byteOffset).getInt32(0, false) === 9994) {
    return 'shapefile';
  }
  const start = Buffer.from(bytes.subarray(0, 64))
    .toString('utf-8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (start.startsWith('{')) return 'geojson';
  return undefined;
}

function unknownFormat(path: string): SourceError {
  return new SourceError(
    {
      zh: `无法识别的文件格式：${basename(path)}（支持 Shapefile/.zip、GeoPackage、GeoJSON、CSV）`,
      en: `unrecognised file format: ${basename(path)} (supported: Shapefile/.zip, GeoPackage, GeoJSON, CSV)`,
    },
    basename(path),
  );
}

async function readWhole(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new SourceError(
      {
        zh: `无法读取文件：${basename(path)}`,
        en: `cannot read the file: ${basename(path)} (${(error as Error).message})`,
      },
      basename(path),
    );
  }
}

async function detectFormat(path: string): Promise<Format> {
  const byExtension = EXTENSION_FORMATS[extname(path).toLowerCase()];
  if (byExtension) return byExtension;
  const byBytes = formatOfBytes(await readWhole(path));
  if (!byBytes) throw unknownFormat(path);
  return byBytes;
}

function withoutExtension(name: string): string {
  const extension = extname(name);
  return extension ? name.slice(0, -extension.length) : name;
}

/** The sibling files of a `.shp` on disk, matched case-insensitively (`宗地.SHP` + `宗地.dbf` happens). */
async function shapefileFromDisk(path: string): Promise<ShapefileFiles> {
  const directory = dirname(path);
  const base = withoutExtension(basename(path));
  const siblings = await readdir(directory);
  const find = (extension: string) =>
    siblings.find((name) => name.toLowerCase() === `${base}${extension}`.toLowerCase());
  const shpName = find('.shp');
  if (!shpName) {
    throw new SourceError({ zh: `缺少 ${base}.shp`, en: `${base}.shp is missing` }, basename(path));
  }
  const dbfName = find('.dbf');
  const prjName = find('.prj');
  const cpgName = find('.cpg');
  const shxName = find('.shx');
  return {
    baseName: base,
    shp: { name: shpName, bytes: await readWhole(join(directory, shpName)) },
    shx: shxName ? await readWhole(join(directory, shxName)) : undefined,
    dbf: dbfName ? { name: dbfName, bytes: await readWhole(join(directory, dbfName)) } : undefined,
    prj: prjName ? decodeShortText(await readWhole(join(directory, prjName))) : undefined,
    cpg: cpgName ? decodeShortText(await readWhole(join(directory, cpgName))) : undefined,
  };
}

// ── Zip archives ───────────────────────────────────────────────────────────────────────────────────────────────

/** One layer source inside a zip: a shapefile set or a single GeoPackage / GeoJSON / CSV entry. */
interface ZipSource {
  format: Exclude<Format, 'zip'>;
  /** Path inside the zip without extension (`成果/宗地`); for a GeoPackage, its tables are the layers. */
  name: string;
  entries: Map<string, ZipEntry>;
}

function zipSources(archive: ZipArchive): ZipSource[] {
  const sources = new Map<string, ZipSource>();
  for (const entry of archive.entries) {
    // macOS resource forks (`__MACOSX/`, `._name`) are not data.
    if (entry.isDirectory || entry.name.startsWith('__MACOSX/') || basename(entry.name).startsWith('._'))
      continue;
    const extension = extname(entry.name).toLowerCase();
    const name = withoutExtension(entry.name);
    const format = EXTENSION_FORMATS[extension];
    const isShapefilePart = ['.shp', '.shx', '.dbf', '.prj', '.cpg'].includes(extension);
    if (!format && !isShapefilePart) continue;
    const key = `${isShapefilePart ? 'shapefile' : format}:${name.toLowerCase()}`;
    let source = sources.get(key);
    if (!source) {
      source = {
        format: isShapefilePart ? 'shapefile' : (format as ZipSource['format']),
        name,
        entries: new Map(),
      };
      sources.set(key, source);
    }
    source.entries.set(extension, entry);
  }
  // A .dbf or .prj alone is not a layer; a shapefile set needs its .shp.
  return [...sources.values()].filter(
    (source) => source.format !== 'shapefile' || source.entries.has('.shp'),
  );
}

/**
 * The zip's layers, and the files beside them that are not layers: a delivery often holds a 说明.txt or the
 * surveyor's area table (成果表.csv) next to the shapefile. A CSV, text or JSON file that cannot be read as a layer
 * (no geometry column, not GeoJSON) is such a companion when the zip has another layer; alone, its reading error is
 * the answer.
 */
function zipLayers(archive: ZipArchive): { layers: ZipSource[]; companions: string[] } {
  const sources = zipSources(archive);
  if (sources.length < 2) return { layers: sources, companions: [] };
  const layers: ZipSource[] = [];
  const companions: string[] = [];
  for (const source of sources) {
    if (source.format === 'csv' || source.format === 'geojson') {
      try {
        describeZipSource(archive, source);
      } catch (error) {
        if (!(error instanceof SourceError)) throw error;
        companions.push(basename(onlyEntry(source).name));
        continue;
      }
    }
    layers.push(source);
  }
  return layers.length > 0 ? { layers, companions } : { layers: sources, companions: [] };
}

function shapefileFromZip(archive: ZipArchive, source: ZipSource, prefixOnly: boolean): ShapefileFiles {
  const part = (extension: string, prefixBytes?: number) => {
    const entry = source.entries.get(extension);
    if (!entry) return undefined;
    return {
      name: basename(entry.name),
      bytes: archive.read(entry, prefixBytes === undefined ? {} : { prefixBytes }),
    };
  };
  const text = (extension: string) => {
    const bytes = part(extension)?.bytes;
    return bytes ? decodeShortText(bytes) : undefined;
  };
  return {
    baseName: basename(source.name),
    shp: part('.shp', prefixOnly ? 100 : undefined) as { name: string; bytes: Uint8Array },
    shx: prefixOnly ? undefined : part('.shx')?.bytes,
    dbf: part('.dbf', prefixOnly ? 32 : undefined),
    prj: prefixOnly ? undefined : text('.prj'),
    cpg: prefixOnly ? undefined : text('.cpg'),
  };
}

function onlyEntry(source: ZipSource): ZipEntry {
  return [...source.entries.values()][0] as ZipEntry;
}

function describeZipSource(archive: ZipArchive, source: ZipSource): LayerInfo[] {
  switch (source.format) {
    case 'shapefile':
      return [{ ...describeShapefile(shapefileFromZip(archive, source, true)), name: source.name }];
    case 'geopackage':
      return listGeoPackageLayers(archive.read(onlyEntry(source)), basename(onlyEntry(source).name));
    case 'geojson':
      return [describeGeoJson(archive.read(onlyEntry(source)), onlyEntry(source).name, source.name)];
    case 'csv':
      return [describeCsv(archive.read(onlyEntry(source)), onlyEntry(source).name, source.name)];
  }
}

function readZipSource(archive: ZipArchive, source: ZipSource, options: ReadSurveyOptions, table?: string) {
  const readerOptions = { encoding: options.encoding, crs: options.crs };
  const attributes = options.attributes;
  const entry = onlyEntry(source);
  switch (source.format) {
    case 'shapefile':
      return readShapefile(shapefileFromZip(archive, source, false), { ...readerOptions, attributes });
    case 'geopackage':
      return readGeoPackage(archive.read(entry), basename(entry.name), {
        layer: table,
        crs: options.crs,
        attributes,
      });
    case 'geojson':
      return readGeoJson(archive.read(entry), entry.name, basename(source.name), readerOptions);
    case 'csv':
      return readCsv(archive.read(entry), entry.name, basename(source.name), readerOptions);
  }
}

async function openZip(path: string, options: ReadSurveyOptions): Promise<ZipArchive> {
  return new ZipArchive(await readWhole(path), basename(path), {
    ...DEFAULT_ZIP_LIMITS,
    ...options.zipLimits,
  });
}

function noLayer(path: string): SourceError {
  return new SourceError(
    {
      zh: `压缩包中没有可读的图层（Shapefile、GeoPackage、GeoJSON、CSV）：${basename(path)}`,
      en: `the archive holds no readable layer (Shapefile, GeoPackage, GeoJSON, CSV): ${basename(path)}`,
    },
    basename(path),
  );
}

/** The layer, with more notes for the report. */
function withNotes(layer: SourceLayer, notes: readonly BilingualMessage[]): SourceLayer {
  return notes.length === 0 ? layer : { ...layer, notes: [...layer.notes, ...notes] };
}

/** Says which of the zip's files were left out as not being layers. */
function companionNotes(companions: readonly string[]): BilingualMessage[] {
  if (companions.length === 0) return [];
  return [
    {
      zh: `压缩包中的 ${companions.join('、')} 不是图层（没有几何），未读取`,
      en: `not read from the archive: ${companions.join(', ')} (no geometry: not a layer)`,
    },
  ];
}

function readFromZip(archive: ZipArchive, path: string, options: ReadSurveyOptions): SourceLayer {
  const { layers: sources, companions } = zipLayers(archive);
  if (sources.length === 0) throw noLayer(path);
  const read = (source: ZipSource, table?: string): SourceLayer =>
    withNotes(readZipSource(archive, source, options, table), companionNotes(companions));
  const wanted = options.layer;
  if (wanted === undefined) {
    const only = sources[0] as ZipSource;
    if (sources.length === 1) return read(only);
    // A CASS or EPS export: the parcels (宗地) beside their boundary lines and corner points. The one polygon
    // shapefile is the layer; the others are named in a note.
    const polygonLayers = sources.every((source) => source.format === 'shapefile')
      ? sources.filter((source) =>
          isPolygonShapeType(
            readShapeType(
              archive.read(source.entries.get('.shp') as ZipEntry, { prefixBytes: 100 }),
              source.name,
            ),
          ),
        )
      : [];
    if (polygonLayers.length === 1) {
      const chosen = polygonLayers[0] as ZipSource;
      const others = sources.filter((source) => source !== chosen).map((source) => source.name);
      return withNotes(read(chosen), [
        {
          zh: `压缩包中只有 ${chosen.name} 是面图层，已读取；${others.join('、')} 不是面，未读取`,
          en: `${chosen.name} is the archive's only polygon layer and was read; ${others.join(', ')} are not polygons`,
        },
      ]);
    }
    throw chooseLayerError(
      path,
      sources.map((source) => source.name),
    );
  }
  // A layer is named by its path inside the zip, by its base name when that is unique, or (GeoPackage) by table.
  const byPath = sources.filter(
    (source) => source.name === wanted || source.name === withoutExtension(wanted),
  );
  const byBase = sources.filter((source) => basename(source.name) === withoutExtension(basename(wanted)));
  const match = byPath.length === 1 ? byPath[0] : byBase.length === 1 ? byBase[0] : undefined;
  if (match) return read(match);
  for (const source of sources.filter((candidate) => candidate.format === 'geopackage')) {
    const tables = listGeoPackageLayers(archive.read(onlyEntry(source)), onlyEntry(source).name);
    if (tables.some((table) => table.name === wanted)) return read(source, wanted);
  }
  throw new SourceError(
    {
      zh: `压缩包中没有图层 ${wanted}；有：${sources.map((source) => source.name).join('、')}`,
      en: `the archive has no layer ${wanted}; it has: ${sources.map((source) => source.name).join(', ')}`,
    },
    basename(path),
  );
}

function chooseLayerError(path: string, names: string[]): SourceError {
  return new SourceError(
    {
      zh: `文件中有多个图层，请选择一个：${names.join('、')}`,
      en: `the file holds several layers; choose one: ${names.join(', ')}`,
    },
    basename(path),
  );
}

// ── Entry points ───────────────────────────────────────────────────────────────────────────────────────────────

/** Reads one layer of a delivered survey file into lon/lat. Throws `SourceError` for anything unreadable. */
export async function readSurveyFile(path: string, options: ReadSurveyOptions = {}): Promise<SourceLayer> {
  const format = await detectFormat(path);
  const readerOptions = { encoding: options.encoding, crs: options.crs };
  const layerName = withoutExtension(basename(path));
  switch (format) {
    case 'zip':
      return readFromZip(await openZip(path, options), path, options);
    case 'shapefile':
      return readShapefile(await shapefileFromDisk(path), {
        ...readerOptions,
        attributes: options.attributes,
      });
    case 'geopackage': {
      const readerOptions = { layer: options.layer, crs: options.crs, attributes: options.attributes };
      return options.geoPackageGeometries
        ? readGeoPackageAlongside(path, basename(path), readerOptions, options.geoPackageGeometries)
        : readGeoPackage(path, basename(path), readerOptions);
    }
    case 'geojson':
      return readGeoJson(await readWhole(path), basename(path), layerName, readerOptions);
    case 'csv':
      return readCsv(await readWhole(path), basename(path), layerName, readerOptions);
  }
}

/** The layers a file holds, for the user to choose from before `readSurveyFile(path, { layer })`. */
export async function listLayers(
  path: string,
  options: Pick<ReadSurveyOptions, 'zipLimits'> & {
    /** A layer of the file the caller has read already, with its record count (not counted again). */
    counted?: { layer: string; featureCount: number };
  } = {},
): Promise<LayerInfo[]> {
  const format = await detectFormat(path);
  const layerName = withoutExtension(basename(path));
  switch (format) {
    case 'zip': {
      const archive = await openZip(path, options);
      const { layers } = zipLayers(archive);
      if (layers.length === 0) throw noLayer(path);
      return layers.flatMap((source) => describeZipSource(archive, source));
    }
    case 'shapefile':
      return [describeShapefile(await shapefileFromDisk(path))];
    case 'geopackage':
      return listGeoPackageLayers(path, basename(path), options.counted);
    case 'geojson':
      return [describeGeoJson(await readWhole(path), basename(path), layerName)];
    case 'csv':
      return [describeCsv(await readWhole(path), basename(path), layerName)];
  }
}
