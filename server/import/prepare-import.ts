/**
 * The import pipeline up to (not including) the commit: read the file, map its fields, validate, and build the plan
 * the store commits. Shared by the web import (`routes/imports.ts`) and the CLI (`cli/import.ts`), so both show the
 * same report for the same file.
 */
import { statSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import {
  ellipsoidArea,
  type GaussKrugerZone,
  gaussKrugerZoneFor,
  gaussKrugerZoneForExtent,
  planeArea,
} from '../domain/areas.ts';
import {
  type ClearanceStatus,
  isClearanceStatus,
  isLandClass,
  isSigningStatus,
  isStructure,
  type LandClass,
  type SigningStatus,
  type Structure,
} from '../domain/statuses.ts';
import type { BilingualMessage } from '../domain/transitions.ts';
import { STORAGE_SRS_ID } from '../store/geopackage/schema.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import type {
  DeliveredAttribute,
  ImportedParcel,
  ImportedVillage,
  SurveyImportPlan,
} from '../store/survey-import.ts';
import { type AreaMeasurement, type AreaWorker, startAreaWorker } from './areas-in-worker.ts';
import { convexHullOf } from './convex-hull.ts';
import { crsDefinition } from './crs.ts';
import {
  asGeoJson,
  type FlatGeometries,
  flattenGeometries,
  type ImportGeometry,
  outerRingPoints,
} from './flat-geometries.ts';
import { flatShapes } from './flat-shape.ts';
import { geometryKey, sameRingArrays } from './geometry-repair.ts';
import {
  applyMapping,
  CONSTANT_PREFIX,
  isConstantMapping,
  type MappingProblem,
  proposeMapping,
  validateMapping,
} from './mapping.ts';
import { listLayers, readSurveyFile } from './read/read-survey-file.ts';
import {
  type FieldMapping,
  type ImportCandidate,
  type SourceCrs,
  type SourceField,
  type SourceLayer,
  TARGET_FIELDS,
} from './source.ts';
import { findOverlaps, overlapsWithStored } from './spatial-checks.ts';
import {
  type ExistingParcel,
  type ImportFinding,
  repairCandidates,
  startValidation,
  type ValidationContext,
  type ValidationInProgress,
  type ValidationReport,
  type ValidationStages,
  validateImport,
  validationOptions,
  villageResolver,
} from './validate.ts';
import type { WriteGeometries } from './write-geometries.ts';

export interface ImportOptions {
  /** GeoPackage table or Shapefile name inside a zip, when the file has several. */
  layer?: string;
  /** Overrides the attribute encoding (`gbk`, `utf-8`) when detection got it wrong. */
  encoding?: string;
  /** EPSG code for a file that declares none (CSV, a Shapefile without `.prj`). */
  crs?: number;
  /** Source field per target field; proposed from the field names when absent. */
  mapping?: FieldMapping;
  /** Every record is in this village (a per-village file without a village column): overrides the mapping's. */
  village?: string;
  removeMissing?: boolean;
  /**
   * The caller writes the plan at once (the command line): a large delivery's area worker also encodes the
   * geometries' GeoPackage blobs for it. A web import's plan waits for the operator's confirmation, and would
   * keep them as long.
   */
  encodeGeometryBlobs?: boolean;
}

export interface UploadedFile {
  path: string;
  fileName: string;
  /** Hex SHA-256 of the file; or its promise (the command line hashes on the thread pool while this reads). */
  sha256: string | Promise<string>;
}

export type ProgressListener = (phase: 'reading' | 'validating', done: number, total: number) => void;

export interface PreparedImport {
  source: {
    fileName: string;
    format: SourceLayer['format'];
    layerName: string;
    crs: SourceCrs;
    encoding: SourceLayer['encoding'];
    records: number;
    fields: SourceField[];
    notes: BilingualMessage[];
    sha256: string;
  };
  layers: { name: string; featureCount: number; geometryType: string }[];
  mapping: FieldMapping;
  proposedMapping: FieldMapping;
  mappingErrors: BilingualMessage[];
  /** The zone the report's plane areas are in: the surveyor's own zone when the file is in Gauss-Krüger. */
  zone: GaussKrugerZone;
  report: ValidationReport;
  /** What the store will commit; null while the report has errors. */
  plan: SurveyImportPlan | null;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * From this many records the parcels' areas are measured in a worker thread while this one checks overlaps: some
 * 100 ms of thread start-up against seconds of geodesic work. Below it, everything stays on this thread.
 */
export const PARALLEL_AREAS_FROM_RECORDS = 5000;

/**
 * A file this large (some 4400 parcels in a GeoPackage, 17k in a zipped Shapefile) gets its area worker started
 * before it is read, so that the thread's start-up (its own module loading, most of a second of CPU) overlaps the
 * reading. A worker started so for a file that turns out to hold fewer than `PARALLEL_AREAS_FROM_RECORDS` records
 * is ended unused; a smaller file with more records gets its worker once it is read, as before.
 */
const EARLY_AREA_WORKER_FROM_BYTES = 2 << 20;

/**
 * The zone a surveyor's table is measured in: the file's own Gauss-Krüger zone when it has one, so the report's
 * plane totals compare with the surveyor's; otherwise the zone of the data's extent. A 6-degree zone's central
 * meridian (75°E, 81°E … 135°E) is also a 3-degree zone's, with the same projection: its plane areas are the file's.
 */
export function reportZone(layer: SourceLayer): GaussKrugerZone {
  const definition = crsDefinition(layer.crs.epsg);
  if (definition?.kind === 'gauss-kruger' && definition.centralMeridian !== null) {
    return gaussKrugerZoneFor(definition.centralMeridian);
  }
  let west = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  const extend = (longitude: number): void => {
    if (longitude < west) west = longitude;
    if (longitude > east) east = longitude;
  };
  for (const feature of layer.features) {
    if (feature.geometry) outerRingPoints(feature.geometry, extend);
  }
  return Number.isFinite(west) ? gaussKrugerZoneForExtent(west, east) : gaussKrugerZoneFor(105);
}

/** For a 6-degree file, why the report names a 3-degree zone: the same central meridian, the same plane areas. */
function reportZoneNotes(crs: SourceCrs, zone: GaussKrugerZone): BilingualMessage[] {
  if (crsDefinition(crs.epsg)?.zoneWidth !== 6) return [];
  return [
    {
      zh: `平面面积按 EPSG:${zone.epsg}（3 度带，中央经线 ${zone.centralMeridian}°E）计算，与文件的 6 度带 EPSG:${crs.epsg} 中央经线相同、投影相同，面积一致`,
      en: `plane areas in EPSG:${zone.epsg} (3-degree zone, central meridian ${zone.centralMeridian}°E): the same central meridian and projection as the file's 6-degree EPSG:${crs.epsg}, so the same areas`,
    },
  ];
}

/**
 * What an import is checked against: the park as plain data, so the check can run in a worker thread (the server
 * keeps answering the field while a 100k-parcel delivery is validated). Null: a new park.
 */
export interface ImportTarget {
  villages: { code: string; name: string }[];
  parkBoundary: Polygon | MultiPolygon;
  /** The store's parcels with what a delivery can change, for the report's added/changed/removed preview. */
  existing: (Omit<ExistingParcel, 'geometryKey'> & { geometry: Polygon | MultiPolygon })[];
}

export function importTargetOf(store: ParcelStore): ImportTarget {
  return {
    villages: store.villages().map((village) => ({ code: village.code, name: village.name })),
    parkBoundary: store.park.boundary,
    existing: store.records().map(({ summary, geometry, idNumber, phone }) => ({
      code: summary.code,
      village: summary.village,
      surveyArea: summary.surveyArea,
      holder: summary.holder,
      group: summary.group,
      landClass: summary.landClass,
      buildingArea: summary.buildingArea,
      structure: summary.structure,
      cadre: summary.cadre,
      idNumber,
      phone,
      geometry,
    })),
  };
}

export async function prepareImport(
  file: UploadedFile,
  target: ImportTarget | null,
  options: ImportOptions,
  onProgress: ProgressListener = () => undefined,
): Promise<PreparedImport> {
  onProgress('reading', 0, 0);
  let areaWorker: AreaWorker | null =
    fileSize(file.path) >= EARLY_AREA_WORKER_FROM_BYTES ? startAreaWorker() : null;
  let sourceAreas: SourceAreas | null = null;
  let report: ValidationReport;
  let layer: SourceLayer;
  let layers: PreparedImport['layers'];
  let mapping: FieldMapping;
  let proposedMapping: FieldMapping;
  let mappingErrors: MappingProblem[];
  let candidates: ImportCandidate[];
  let zone: GaussKrugerZone;
  let groups: PlanGroups | null = null;
  let measured: MeasuredCandidates;
  try {
    layer = await readSurveyFile(file.path, {
      ...(options.layer ? { layer: options.layer } : {}),
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.crs ? { crs: options.crs } : {}),
      // Only the mapped attributes: the mapping below is decided from the same fields, the same way.
      attributes: (fields) => mappedAttributes(mappingFor(fields, options)),
      // A large GeoPackage's geometries are read by the area worker, idle until then, while this thread reads
      // the attributes.
      ...(areaWorker ? { geoPackageGeometries: areaWorker.readGeoPackageGeometries } : {}),
    });
    layers = await listLayers(file.path, {
      counted: { layer: layer.layerName, featureCount: layer.features.length },
    });
    onProgress('validating', 0, layer.features.length);

    proposedMapping = proposeMapping(layer.fields);
    mapping = mappingFor(layer.fields, options);
    mappingErrors = validateMapping(mapping, layer.fields);
    zone = reportZone(layer);
    if (mappingErrors.length === 0 && layer.features.length >= PARALLEL_AREAS_FROM_RECORDS) {
      // The areas of the geometries as read, measured from now on by the worker while this thread maps the
      // attributes, repairs the geometries and checks overlaps (`validateCandidates`).
      areaWorker ??= startAreaWorker();
      sourceAreas = measureSourceAreas(areaWorker, layer, zone);
    } else areaWorker?.close();
    areaWorker = null;
    await yieldToEventLoop();

    candidates = mappingErrors.length === 0 ? applyMapping(layer, mapping) : [];
    if (sourceAreas) {
      // The worker computes the write's outlines (and blobs) once its areas are done: during the report and plan.
      groups = planGroups(candidates);
      sourceAreas.measuring.prepareWrite({
        groups: groups.groups,
        groupCount: groups.keys.size,
        // Only of the layer's own flat geometries (a GeoPackage's): the writer encodes GeoJSON ones itself.
        blobSrsId: options.encodeGeometryBlobs && isOwnFlatLayer(sourceAreas) ? STORAGE_SRS_ID : null,
      });
    }
    const context: ValidationContext = {
      villages: target?.villages ?? [],
      parkBoundary: target?.parkBoundary ?? null,
      zone,
      existing: existingForDiff(target, mapping, candidates),
      mode: target ? 'update' : 'replace',
      removeMissing: options.removeMissing === true,
    };
    const measuring = sourceAreas;
    sourceAreas = null;
    measured = await validateCandidates(candidates, context, measuring);
    report = withOverlapsOnStored(
      withAssumedDatum(withMappingProblems(measured.report, mappingErrors, layer.features.length), layer.crs),
      candidates,
      target,
      validationOptions(context).overlapToleranceSquareMetres,
    );
  } finally {
    areaWorker?.close();
    sourceAreas?.worker.close();
  }
  const canCommit = report.canCommit && candidates.length > 0;
  let ahead: { groups: PlanGroups; geometries: WriteGeometries } | null = null;
  let hashed: { fileName: string; sha256: string };
  try {
    onProgress('validating', layer.features.length, layer.features.length);
    await yieldToEventLoop();
    hashed = { fileName: file.fileName, sha256: await file.sha256 };
    const geometries = canCommit && groups ? await measured.writeGeometries?.() : null;
    if (groups && geometries) ahead = { groups, geometries };
  } finally {
    measured.close();
  }
  return {
    source: {
      fileName: file.fileName,
      format: layer.format,
      layerName: layer.layerName,
      crs: layer.crs,
      encoding: layer.encoding,
      records: layer.features.length,
      fields: layer.fields,
      notes: [...layer.notes, ...reportZoneNotes(layer.crs, zone)],
      sha256: hashed.sha256,
    },
    layers,
    mapping,
    proposedMapping,
    mappingErrors,
    zone,
    report,
    plan: canCommit ? buildPlan(candidates, report, target, mapping, hashed, layer, ahead) : null,
  };
}

/**
 * The report of a delivery whose mapping cannot be applied (no parcel code, a source field that is not in the file):
 * no record was checked, so the report says so, lists the mapping's problems as its errors (the CSV and the printed
 * report then show why nothing can be committed) and cannot be committed. Without problems, the report as it is.
 */
function withMappingProblems(
  report: ValidationReport,
  problems: readonly MappingProblem[],
  records: number,
): ValidationReport {
  if (problems.length === 0) return report;
  return {
    ...report,
    canCommit: false,
    counts: { ...report.counts, records, errors: report.counts.errors + problems.length },
    findings: [
      ...problems.map(
        (problem): ImportFinding => ({
          severity: 'error',
          kind: 'mapping',
          recordIndex: null,
          code: null,
          field: problem.target,
          zh: problem.zh,
          en: problem.en,
        }),
      ),
      ...report.findings,
    ],
  };
}

/** The report with whole-file warnings added after its errors (findings are ordered errors first). */
function withWarnings(report: ValidationReport, warnings: readonly ImportFinding[]): ValidationReport {
  const firstAfterErrors = report.findings.findIndex((finding) => finding.severity !== 'error');
  const at = firstAfterErrors < 0 ? report.findings.length : firstAfterErrors;
  return {
    ...report,
    counts: { ...report.counts, warnings: report.counts.warnings + warnings.length },
    findings: [...report.findings.slice(0, at), ...warnings, ...report.findings.slice(at)],
  };
}

/**
 * A delivery in Gauss-Krüger coordinates that declares no coordinate system is read as CGCS2000 in the zone its X
 * carries (`resolveCrs`): the zone is certain, the datum is not. Xi'an 1980 or Beijing 1954 coordinates read so
 * land tens of metres off, with areas that hardly change, so the report warns (after its errors) and asks for the
 * declaration.
 */
function withAssumedDatum(report: ValidationReport, crs: SourceCrs): ValidationReport {
  if (crs.source !== 'detected' || crsDefinition(crs.epsg)?.kind !== 'gauss-kruger') return report;
  const warning: ImportFinding = {
    severity: 'warning',
    kind: 'assumed-datum',
    recordIndex: null,
    code: null,
    field: 'geometry',
    zh: `文件未声明坐标系，按 CGCS2000（EPSG:${crs.epsg}）读取：若坐标是西安 80 或北京 54，宗地位置会偏差数十米。请确认，或提供 .prj / 指定坐标系`,
    en: `the file declares no coordinate system and is read as CGCS2000 (EPSG:${crs.epsg}): Xi'an 1980 or Beijing 1954 coordinates would land tens of metres off. Confirm it, or supply the .prj or the coordinate system`,
  };
  return withWarnings(report, [warning]);
}

/**
 * A new parcel code on land a stored parcel keeps (a parcel split or re-coded while the old one stays): the same
 * land would be counted twice. A warning per pair, after the report's errors, naming both codes and the shared
 * area. Only the delivery's new codes are checked, and only against stored parcels the commit keeps: the ones it
 * re-delivers are compared in the delivery's own overlap check, the ones it deletes (`--remove-missing`) go.
 */
function withOverlapsOnStored(
  report: ValidationReport,
  candidates: readonly ImportCandidate[],
  target: ImportTarget | null,
  toleranceSquareMetres: number,
): ValidationReport {
  if (!target || target.existing.length === 0 || report.diff.added.length === 0) return report;
  const delivered = new Set(candidates.map((candidate) => candidate.code));
  const removed = new Set(report.diff.removeMissing ? report.diff.removed.map((parcel) => parcel.code) : []);
  const kept = target.existing.filter((parcel) => !delivered.has(parcel.code) && !removed.has(parcel.code));
  const addedRecords = new Set(report.diff.added.map((added) => added.recordIndex));
  const positions = candidates.flatMap((candidate, position) =>
    addedRecords.has(candidate.index) ? [position] : [],
  );
  const geometries = candidates.map(
    (candidate) => report.repairedGeometries.get(candidate.index) ?? candidate.geometry,
  );
  const pairs = overlapsWithStored(geometries, positions, kept, toleranceSquareMetres);
  if (pairs.length === 0) return report;
  const warnings = pairs.map(({ position, storedCode, squareMetres }): ImportFinding => {
    const candidate = candidates[position] as ImportCandidate;
    const area = Number.isNaN(squareMetres) ? '?' : squareMetres.toFixed(2);
    return {
      severity: 'warning',
      kind: 'overlap',
      recordIndex: candidate.index,
      code: candidate.code,
      field: 'geometry',
      otherCode: storedCode,
      overlapSquareMetres: squareMetres,
      zh: `第 ${candidate.index + 1} 条记录（宗地编码 ${candidate.code}）是新宗地，与现有宗地 ${storedCode} 重叠 ${area} ㎡：同一块地将计两次（若 ${storedCode} 已拆分或改号，请一并删除它）`,
      en: `Record ${candidate.index + 1} (parcel code ${candidate.code}) is a new parcel overlapping the stored parcel ${storedCode} by ${area} ㎡: the same land would be counted twice (if ${storedCode} was split or re-coded, delete it as well)`,
    };
  });
  return withWarnings(report, warnings);
}

/** The mapping an import uses: the operator's, or the one proposed from the field names; `--village` wins. */
function mappingFor(fields: readonly SourceField[], options: ImportOptions): FieldMapping {
  return {
    ...(options.mapping ?? proposeMapping(fields)),
    ...(options.village ? { village: `${CONSTANT_PREFIX}${options.village}` } : {}),
  };
}

/** The source fields a mapping reads (`applyMapping` reads nothing else). */
function mappedAttributes(mapping: FieldMapping): Set<string> {
  const attributes = new Set<string>();
  for (const source of Object.values(mapping)) {
    if (typeof source === 'string' && !isConstantMapping(source)) attributes.add(source);
  }
  return attributes;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** A large delivery's areas being measured from its geometries as read (before mapping and repair). */
interface SourceAreas {
  worker: AreaWorker;
  /** The layer's geometries, by position, as handed to the worker. */
  geometries: readonly (ImportGeometry | null)[];
  /** The same, flattened once in shared memory: the worker measures from them, the overlap check tests on them. */
  flat: FlatGeometries;
  measuring: AreaMeasurement;
}

/** Whether the flat arrays the worker measures are the layer's own, which its geometries refer to. */
function isOwnFlatLayer(sourceAreas: SourceAreas): boolean {
  const geometry = sourceAreas.geometries.find((candidate) => candidate !== null);
  return geometry?.type === 'FlatGeometry' && geometry.flat === sourceAreas.flat;
}

function measureSourceAreas(worker: AreaWorker, layer: SourceLayer, zone: GaussKrugerZone): SourceAreas {
  const geometries = layer.features.map((feature) => feature.geometry);
  const flat = flattenGeometries(geometries, true);
  return { worker, geometries, flat, measuring: worker.measure(flat, zone) };
}

/**
 * Whether the repair kept the geometry as read (`sameRingArrays`; a flat geometry: the very same one, as the
 * repair returns a clean one).
 */
export function keptAsRead(read: ImportGeometry | null, repaired: ImportGeometry | null): boolean {
  if (read?.type === 'FlatGeometry' || repaired?.type === 'FlatGeometry') return read === repaired;
  return sameRingArrays(read, repaired);
}

/** A delivery's validation report, and what the area worker prepares for the write. */
interface MeasuredCandidates {
  report: ValidationReport;
  /**
   * What the area worker computed for the write (`prepareWrite`), when the geometries to write are the ones it
   * had (the repair kept every geometry as read); it resolves null if the worker could not.
   */
  writeGeometries: (() => Promise<WriteGeometries | null>) | null;
  /** Ends the area worker, if there is one still running. */
  close(): void;
}

/**
 * The parcels the plan will hold, grouped by village as written (`villageKey`), as the area worker is asked to
 * outline them (`WriteGeometriesRequest`): by position, the group number, or −1 for a parcel `buildPlan` leaves
 * out. The geometries are the candidates' as read; outlines of them are used only if the repair kept them all.
 */
export interface PlanGroups {
  groups: Int32Array;
  /** Group number by village key, numbered in order of first appearance. */
  keys: Map<string, number>;
}

export function planGroups(candidates: readonly ImportCandidate[]): PlanGroups {
  const groups = new Int32Array(candidates.length);
  const keys = new Map<string, number>();
  candidates.forEach((candidate, position) => {
    if (!candidate.geometry || !candidate.code) {
      groups[position] = -1;
      return;
    }
    const key = villageKey(candidate.village ?? '');
    let group = keys.get(key);
    if (group === undefined) {
      group = keys.size;
      keys.set(key, group);
    }
    groups[position] = group;
  });
  return { groups, keys };
}

/** What a village as written is resolved by: new villages are created per key (`planVillages`). */
function villageKey(written: string): string {
  return written.trim();
}

/**
 * `validateImport`, with a large delivery's areas measured in a worker thread (`sourceAreas`) from the geometries
 * as read, while this thread maps, repairs and checks overlaps. A geometry the repair changed is measured again
 * here, so every area is the area engine's for the geometry to store, exactly as without the worker.
 */
async function validateCandidates(
  candidates: readonly ImportCandidate[],
  context: ValidationContext,
  sourceAreas: SourceAreas | null,
): Promise<MeasuredCandidates> {
  if (!sourceAreas) return { report: validateImport(candidates, context), writeGeometries: null, close() {} };
  let stages: Omit<ValidationStages, 'areas'>;
  let validation: ValidationInProgress;
  const changed: number[] = [];
  let geometries: (ImportGeometry | null)[];
  try {
    const repairs = repairCandidates(candidates);
    geometries = repairs.map((repair) => repair.geometry);
    if (geometries.length !== sourceAreas.geometries.length) {
      throw new Error(
        'validateCandidates: the candidates are not the layer’s features, position by position',
      );
    }
    geometries.forEach((geometry, position) => {
      const read = sourceAreas.geometries[position] ?? null;
      if ((candidates[position] as ImportCandidate).geometry !== read || !keptAsRead(read, geometry)) {
        changed.push(position);
      }
    });
    const flat = changed.length === 0 ? sourceAreas.flat : flattenGeometries(geometries);
    const tolerance = validationOptions(context).overlapToleranceSquareMetres;
    stages = { repairs, overlaps: findOverlaps(geometries, tolerance, flatShapes(geometries, flat)) };
    // The checks that need no area, while the worker goes on measuring alone.
    validation = startValidation(candidates, context, stages);
  } catch (error) {
    sourceAreas.worker.close();
    throw error;
  }
  const areas = await sourceAreas.measuring.finish();
  // Measured here as `validateImport` measures (a geometry the engine refuses throws, as it always has): what the
  // repair changed, and whatever came back NaN (refused as read, or NaN from the engine itself).
  const measure = (position: number): void => {
    const geometry = geometries[position] ?? null;
    areas.ellipsoid[position] = geometry ? ellipsoidArea(asGeoJson(geometry)) : 0;
    areas.plane[position] = geometry ? planeArea(asGeoJson(geometry), context.zone) : 0;
  };
  for (const position of changed) measure(position);
  for (let position = 0; position < geometries.length; position++) {
    if (Number.isNaN(areas.ellipsoid[position]) || Number.isNaN(areas.plane[position])) measure(position);
  }
  const close = () => sourceAreas.worker.close();
  try {
    return {
      report: validation.finish(areas),
      // What the worker prepares for the write is of the geometries as read: of use only if they are the plan's.
      writeGeometries: changed.length === 0 ? () => sourceAreas.measuring.writeGeometries() : null,
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * Attributes an import carries to an existing parcel: every target field but the code (the match key) and the
 * statuses (which move only through the field workflow).
 */
const DELIVERED_ATTRIBUTES = TARGET_FIELDS.filter(
  (field): field is DeliveredAttribute => field !== 'code' && field !== 'signing' && field !== 'clearance',
);

function deliveredAttributes(mapping: FieldMapping): DeliveredAttribute[] {
  return DELIVERED_ATTRIBUTES.filter((attribute) => Boolean(mapping[attribute]));
}

/**
 * The store's parcels as the diff should see them: only what this delivery carries is compared (an unmapped
 * field, or an ID number or phone the file leaves empty, keeps its stored value on commit: no change).
 */
function existingForDiff(
  target: ImportTarget | null,
  mapping: FieldMapping,
  candidates: readonly ImportCandidate[],
): ExistingParcel[] {
  if (!target || target.existing.length === 0) return [];
  const delivered = new Set(deliveredAttributes(mapping));
  const personalDataByCode = new Map(
    candidates.map((candidate) => [candidate.code, { idNumber: candidate.idNumber, phone: candidate.phone }]),
  );
  return target.existing.map(({ geometry, ...parcel }) => {
    const compared: ExistingParcel = {
      code: parcel.code,
      village: parcel.village,
      surveyArea: parcel.surveyArea,
      holder: parcel.holder,
      geometryKey: geometryKey(geometry),
    };
    const delivery = personalDataByCode.get(parcel.code);
    for (const attribute of ['group', 'landClass', 'buildingArea', 'structure', 'cadre'] as const) {
      if (delivered.has(attribute)) Object.assign(compared, { [attribute]: parcel[attribute] });
    }
    if (delivered.has('idNumber') && delivery?.idNumber) compared.idNumber = parcel.idNumber;
    if (delivered.has('phone') && delivery?.phone) compared.phone = parcel.phone;
    return compared;
  });
}

/**
 * Village codes for the plan: resolved exactly as the report resolved them (`villageResolver`); a village the park
 * does not have yet is created with the code it was written with, or the next free `Vnn` for a name.
 */
function planVillages(target: ImportTarget | null): {
  resolve: (written: string) => string;
  created: Map<string, { code: string; name: string }>;
} {
  const known = villageResolver(target?.villages ?? []);
  const created = new Map<string, { code: string; name: string }>();
  const taken = new Set((target?.villages ?? []).map((village) => village.code));
  let next = 1;
  return {
    created,
    resolve(written: string): string {
      const key = villageKey(written);
      const village = known(key) ?? created.get(key);
      if (village) return village.code;
      // A village written as a code (an export of ours, a surveyor's 村代码) keeps it; a name gets the next Vnn.
      let code =
        /^[A-Za-z0-9_-]{1,16}$/.test(key) && !taken.has(key) ? key : `V${String(next).padStart(2, '0')}`;
      while (taken.has(code)) code = `V${String(++next).padStart(2, '0')}`;
      taken.add(code);
      created.set(key, { code, name: key });
      return code;
    },
  };
}

function buildPlan(
  candidates: readonly ImportCandidate[],
  report: ValidationReport,
  target: ImportTarget | null,
  mapping: FieldMapping,
  file: { fileName: string; sha256: string },
  layer: SourceLayer,
  ahead: { groups: PlanGroups; geometries: WriteGeometries } | null,
): SurveyImportPlan {
  const villages = planVillages(target);
  // The stored parcels whose geometry the report found the same: the commit keeps theirs (`sameGeometryAsStored`).
  const storedCodes = new Set(target?.existing.map((parcel) => parcel.code));
  const geometryChanged = new Set(
    report.diff.changed.filter((change) => change.fields.includes('geometry')).map((change) => change.code),
  );
  const parcels: ImportedParcel[] = [];
  const geometriesByVillage = new Map<string, ImportGeometry[]>();
  for (const candidate of candidates) {
    const geometry = report.repairedGeometries.get(candidate.index) ?? candidate.geometry;
    const areas = report.areas.get(candidate.index);
    // The parcels `planGroups` counts in, and no other.
    if (!geometry || !candidate.code) continue;
    const village = villages.resolve(candidate.village ?? '');
    const landClass = candidate.landClass.code;
    const structure = candidate.structure.code;
    const signing = candidate.signing.code;
    const clearance = candidate.clearance.code;
    const parcel: ImportedParcel = {
      code: candidate.code,
      holder: candidate.holder ?? '',
      village,
      group: candidate.group ?? '',
      landClass: landClass && isLandClass(landClass) ? (landClass as LandClass) : 'other',
      buildingArea: candidate.buildingArea,
      structure: structure && isStructure(structure) ? (structure as Structure) : null,
      surveyArea: candidate.surveyArea,
      idNumber: candidate.idNumber,
      phone: candidate.phone,
      cadre: candidate.cadre,
      signing: signing && isSigningStatus(signing) ? (signing as SigningStatus) : 'unsurveyed',
      clearance: clearance && isClearanceStatus(clearance) ? (clearance as ClearanceStatus) : 'occupied',
      geometry,
    };
    // Set, not spread in: a spread of an optional member was a tenth of a second at 100k parcels.
    if (areas)
      parcel.areas = { ellipsoid: areas.ellipsoid, plane: areas.plane, planeZoneEpsg: report.zone.epsg };
    if (storedCodes.has(candidate.code) && !geometryChanged.has(candidate.code))
      parcel.sameGeometryAsStored = true;
    parcels.push(parcel);
    const features = geometriesByVillage.get(village) ?? [];
    features.push(geometry);
    geometriesByVillage.set(village, features);
  }
  // A new village is created per village key, and named by it.
  const groupOutline = (village: { name: string }): Polygon | null | undefined => {
    const group = ahead?.groups.keys.get(village.name);
    return group === undefined ? undefined : ahead?.geometries.groupOutlines[group];
  };
  const newVillages: ImportedVillage[] = [...villages.created.values()].map((village) => ({
    code: village.code,
    name: village.name,
    geometry: villageOutline(geometriesByVillage.get(village.code) ?? [], groupOutline(village)),
  }));
  return {
    parcels,
    newVillages,
    delivered: deliveredAttributes(mapping),
    // What the report listed as deleted, and nothing else.
    remove: report.diff.removeMissing ? report.diff.removed.map((parcel) => parcel.code) : [],
    source: {
      fileName: file.fileName,
      format: layer.format,
      crs: `EPSG:${layer.crs.epsg}`,
      sha256: file.sha256,
      records: layer.features.length,
    },
    ...(ahead ? { precomputed: { outline: ahead.geometries.outline, blobs: ahead.geometries.blobs } } : {}),
  };
}

/**
 * A new village's outline until a village boundary is delivered: the convex hull of its parcels (`hull`, when
 * computed already).
 */
export function villageOutline(
  parcels: readonly ImportGeometry[],
  hull: Polygon | null = convexHullOf(parcels),
): Polygon {
  if (hull) return hull;
  // All vertices on one line (a degenerate delivery): the first parcel's own outer ring.
  const first = parcels[0] ? asGeoJson(parcels[0]) : undefined;
  const ring = first?.type === 'Polygon' ? first.coordinates[0] : first?.coordinates[0]?.[0];
  return { type: 'Polygon', coordinates: [ring ?? []] };
}
