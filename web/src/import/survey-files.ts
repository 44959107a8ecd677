/**
 * What the browser sends for a survey delivery: one file as it is (.zip, .gpkg, .geojson, .csv), or the parts of a
 * Shapefile chosen together (.shp .shx .dbf .prj .cpg), zipped here so they travel as one upload. Pure, so the
 * rule is tested without a browser.
 */
import { zipSync } from 'fflate';

const SHAPEFILE_PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg', 'qix', 'sbn', 'sbx', 'xml'];
/** A delivery sent as it is: the server's readers take these (`server/import/read/read-survey-file.ts`). */
const SINGLE_FILE_EXTENSIONS = [
  'zip',
  'gpkg',
  'geojson',
  'json',
  'geojsonl',
  'geojsons',
  'ndjson',
  'csv',
  'txt',
];

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export type SurveyUploadPlan =
  | { kind: 'single'; index: number }
  | { kind: 'zip-shapefile'; name: string }
  | { kind: 'invalid'; zh: string; en: string };

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Decides how the chosen files are sent. */
export function planSurveyUpload(names: readonly string[]): SurveyUploadPlan {
  if (names.length === 0) return { kind: 'invalid', zh: '请选择文件', en: 'Choose a file' };
  const extensions = names.map(extensionOf);
  const shp = names.findIndex((_, index) => extensions[index] === 'shp');
  if (shp >= 0) {
    if (!extensions.every((extension) => SHAPEFILE_PARTS.includes(extension))) {
      return {
        kind: 'invalid',
        zh: 'Shapefile 的各部分请单独选择，不要与其他文件混选',
        en: 'Choose the parts of one Shapefile only, without other files',
      };
    }
    if (extensions.filter((extension) => extension === 'shp').length > 1) {
      return { kind: 'invalid', zh: '一次只能导入一个 Shapefile', en: 'Import one Shapefile at a time' };
    }
    for (const required of ['shx', 'dbf']) {
      if (!extensions.includes(required)) {
        return {
          kind: 'invalid',
          zh: `缺少 .${required} 文件：请同时选中 .shp .shx .dbf（及 .prj .cpg）`,
          en: `The .${required} file is missing: choose .shp .shx .dbf (and .prj .cpg) together`,
        };
      }
    }
    const base = (names[shp] as string).replace(/\.[^.]+$/, '');
    return { kind: 'zip-shapefile', name: `${base}.zip` };
  }
  if (names.length > 1) {
    return { kind: 'invalid', zh: '一次只能导入一个文件', en: 'Import one file at a time' };
  }
  if (!SINGLE_FILE_EXTENSIONS.includes(extensions[0] as string)) {
    return {
      kind: 'invalid',
      zh: '不支持的文件类型：请选择 .zip、.shp（及其附属文件）、.gpkg、.geojson 或 .csv/.txt',
      en: 'Unsupported file: choose a .zip, a .shp (with its parts), .gpkg, .geojson or .csv/.txt',
    };
  }
  return { kind: 'single', index: 0 };
}

/** The Shapefile parts in one zip, stored (the parts are mostly coordinates; the network is the LAN). */
export function zipShapefileParts(parts: readonly NamedBytes[]): Uint8Array {
  return zipSync(Object.fromEntries(parts.map((part) => [part.name, [part.bytes, { level: 0 }]])));
}
