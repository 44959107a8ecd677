/**
 * The validation report of a survey delivery, computed before anything is written (issue #4): geometry problems
 * (and what was repaired), missing and unknown values, duplicate codes, overlaps, parcels outside the red line,
 * unknown villages, totals per village in 户, ㎡ and 亩 to compare with the surveyor's own table, and what a
 * re-delivery adds, changes and removes. Pure: the store, the route, the CLI and the web all call this one function.
 *
 * Severity: an error blocks the commit (an import commits whole or not at all); a warning is shown and allowed;
 * info explains what the importer decided (水田 counted as farmland, slivers below the overlap tolerance).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { type AreaGeometry, ellipsoidArea, type GaussKrugerZone, planeArea } from '../domain/areas.ts';
import { findCoded, LAND_CLASSES, SIGNING_DONE, STRUCTURES } from '../domain/statuses.ts';
import type { BilingualMessage } from '../domain/transitions.ts';
import { AREA_DECIMALS, roundTo, squareMetresToMu } from '../domain/units.ts';
import { asGeoJson, type ImportGeometry } from './flat-geometries.ts';
import {
  type GeometryProblemKind,
  type GeometryRepair,
  geometryKey,
  repairGeometry,
} from './geometry-repair.ts';
import {
  acceptedStatusLabels,
  normalizeLandClass,
  normalizeName,
  normalizeStructure,
  targetLabel,
} from './mapping.ts';
import type { ParcelAreas } from './parcel-areas.ts';
import type { ImportCandidate, TargetField } from './source.ts';
import { findOverlaps, type OverlapSummary, positionToBoundary, prepareBoundary } from './spatial-checks.ts';

export type ImportMode = 'update' | 'replace';

export type FindingSeverity = 'error' | 'warning' | 'info';

export type FindingKind =
  /** The field mapping cannot be applied: no record was checked (`withMappingProblems`). */
  | 'mapping'
  /** Gauss-Krüger coordinates without a declared system, read as CGCS2000 (`withAssumedDatum`). */
  | 'assumed-datum'
  | 'invalid-geometry'
  | 'empty-geometry'
  | 'missing-value'
  | 'unknown-value'
  | 'invalid-value'
  | 'value-folded'
  | 'status-conflict'
  | 'duplicate-code'
  | 'overlap'
  | 'overlap-slivers'
  | 'outside-boundary'
  | 'unknown-village'
  | 'new-village'
  | 'building-area'
  | 'survey-area'
  | 'survey-area-mismatch';

export interface ImportFinding extends BilingualMessage {
  severity: FindingSeverity;
  kind: FindingKind;
  /** The source record (0-based, shown as index + 1), or null for a finding about the whole file. */
  recordIndex: number | null;
  code: string | null;
  field: TargetField | 'geometry' | null;
  /** Geometry findings: whether the stored geometry has been repaired. */
  repaired?: boolean;
  /** Geometry findings: why it is invalid. */
  reason?: GeometryProblemKind;
  /** Overlaps: the shared area (ellipsoidal ㎡) and the other parcel. */
  overlapSquareMetres?: number;
  otherCode?: string | null;
  otherRecordIndex?: number;
  /** Outside the red line: the area outside (ellipsoidal ㎡). */
  outsideSquareMetres?: number;
}

/** A parcel in the store now, for the re-delivery diff. Optional fields are compared when given. */
export interface ExistingParcel {
  code: string;
  /** Village code. */
  village: string;
  surveyArea: number | null;
  holder: string;
  /** `geometryKey(storedGeometry)`; without it geometry changes are not detected. */
  geometryKey?: string;
  group?: string;
  landClass?: string;
  buildingArea?: number | null;
  structure?: string | null;
  cadre?: boolean;
  idNumber?: string | null;
  phone?: string | null;
}

export interface ValidationOptions {
  /** Overlaps smaller than this (ellipsoidal ㎡) are digitizing slivers: counted, not listed. */
  overlapToleranceSquareMetres: number;
  /** A parcel sticking out of the red line by less than this (㎡) is not reported. */
  boundaryToleranceSquareMetres: number;
  /** Relative difference between the registered area and the plane area above which a warning is given. */
  surveyAreaTolerance: number;
}

export const DEFAULT_VALIDATION_OPTIONS: ValidationOptions = {
  overlapToleranceSquareMetres: 0.01,
  boundaryToleranceSquareMetres: 0.01,
  surveyAreaTolerance: 0.05,
};

export interface ValidationContext {
  /** The park's villages; a candidate's village may name either the code or the name. */
  villages: readonly { code: string; name: string }[];
  parkBoundary: Polygon | MultiPolygon | null;
  /** The park's Gauss-Krüger zone, in which plane areas are computed. */
  zone: GaussKrugerZone;
  existing: readonly ExistingParcel[];
  mode: ImportMode;
  /** Delete the stored parcels of the delivered villages that the delivery no longer has (`RedeliveryDiff`). */
  removeMissing?: boolean;
  options?: Partial<ValidationOptions>;
}

export interface AreaTotal {
  squareMetres: number;
  mu: number;
}

export interface VillageTotals {
  /** The park's village code; for a village not in the park the name as written; `''` for records without one. */
  village: string;
  name: string;
  /** True when the village is one of the park's. */
  known: boolean;
  households: number;
  withoutGeometry: number;
  withoutSurveyArea: number;
  surveyArea: AreaTotal;
  ellipsoidArea: AreaTotal;
  planeArea: AreaTotal;
  buildingAreaSquareMetres: number;
}

export type DiffField =
  | 'geometry'
  | 'holder'
  | 'village'
  | 'group'
  | 'surveyArea'
  | 'landClass'
  | 'buildingArea'
  | 'structure'
  | 'cadre'
  | 'idNumber'
  | 'phone';

export interface RedeliveryDiff {
  added: { recordIndex: number; code: string }[];
  changed: { recordIndex: number; code: string; fields: DiffField[] }[];
  /**
   * Stored parcels of the villages the delivery has that it no longer carries: deleted when `removeMissing`, kept
   * otherwise. A delivery speaks for its own villages only.
   */
  removed: { code: string; village: string; holder: string }[];
  /** Whether the commit deletes `removed` (the operator's choice, `--remove-missing`). */
  removeMissing: boolean;
  /** Stored parcels of villages the delivery does not have: outside it, always kept. */
  otherVillages: number;
  unchanged: number;
}

export interface ValidationReport {
  mode: ImportMode;
  /** No errors: the import may be committed. */
  canCommit: boolean;
  counts: { records: number; errors: number; warnings: number; infos: number; repaired: number };
  /** Errors first, then warnings, then info; within each, by record. */
  findings: ImportFinding[];
  villages: VillageTotals[];
  total: VillageTotals;
  diff: RedeliveryDiff;
  /** Villages not in the park (replace mode: to be created on commit), with their record counts. */
  newVillages: { name: string; records: number }[];
  overlapSlivers: { count: number; squareMetres: number; toleranceSquareMetres: number };
  /**
   * Record index → the geometry to store, for the records whose geometry was repaired (the others store their
   * source geometry). Not JSON: a route sends the report without it.
   */
  repairedGeometries: Map<number, AreaGeometry>;
  /** Record index → areas (㎡) of the geometry to store, ellipsoidal and plane in `zone`: the commit reuses them. */
  areas: Map<number, { ellipsoid: number; plane: number }>;
  /** The 口径 of the totals. */
  zone: GaussKrugerZone;
}

/** "Record 12 (parcel code …)"; with the fid a GIS shows beside the number when the source has one (GeoPackage). */
function recordLabel(candidate: Pick<ImportCandidate, 'index' | 'code' | 'sourceId'>): BilingualMessage {
  const number = candidate.index + 1;
  const fid = candidate.sourceId === undefined ? null : candidate.sourceId;
  const zhFid = fid === null ? '' : `fid ${fid}，`;
  const enFid = fid === null ? '' : `fid ${fid}, `;
  return candidate.code
    ? {
        zh: `第 ${number} 条记录（${zhFid}宗地编码 ${candidate.code}）`,
        en: `Record ${number} (${enFid}parcel code ${candidate.code})`,
      }
    : {
        zh: `第 ${number} 条记录（${zhFid}无宗地编码）`,
        en: `Record ${number} (${enFid}no parcel code)`,
      };
}

function recordNumbers(indices: readonly number[], limit = 20): BilingualMessage {
  const shown = indices.slice(0, limit).map((index) => index + 1);
  const more = indices.length - shown.length;
  return {
    zh: `第 ${shown.join('、')} 条${more > 0 ? `等 ${indices.length} 条` : ''}`,
    en: `record${indices.length > 1 ? 's' : ''} ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
  };
}

/** An area for a message; `?` where clipping failed and the area is unknown. */
const squareMetresText = (value: number): string =>
  Number.isNaN(value) ? '?' : roundTo(value, AREA_DECIMALS.squareMetres).toFixed(2);

const SEVERITY_ORDER: Readonly<Record<FindingSeverity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Resolves a village as written (code or name, any case, spacing or full-width form) to a park village. Exported so
 * the commit resolves villages exactly as the report did.
 */
export function villageResolver(
  villages: readonly { code: string; name: string }[],
): (written: string) => { code: string; name: string } | null {
  const lookup = new Map<string, { code: string; name: string }>();
  for (const village of villages) {
    lookup.set(normalizeName(village.name), village);
    lookup.set(normalizeName(village.code), village);
  }
  return (written) => lookup.get(normalizeName(written)) ?? null;
}

interface Accumulator {
  village: string;
  name: string;
  known: boolean;
  households: number;
  withoutGeometry: number;
  withoutSurveyArea: number;
  survey: number;
  ellipsoid: number;
  plane: number;
  building: number;
}

function emptyAccumulator(village: string, name: string, known: boolean): Accumulator {
  return {
    village,
    name,
    known,
    households: 0,
    withoutGeometry: 0,
    withoutSurveyArea: 0,
    survey: 0,
    ellipsoid: 0,
    plane: 0,
    building: 0,
  };
}

function accumulate(
  sum: Accumulator,
  candidate: ImportCandidate,
  hasGeometry: boolean,
  ellipsoid: number,
  plane: number,
): void {
  sum.households++;
  if (!hasGeometry) sum.withoutGeometry++;
  if (candidate.surveyArea === null) sum.withoutSurveyArea++;
  sum.survey += candidate.surveyArea ?? 0;
  sum.ellipsoid += ellipsoid;
  sum.plane += plane;
  sum.building += candidate.buildingArea !== null && candidate.buildingArea > 0 ? candidate.buildingArea : 0;
}

/** Sums stay in full precision; rounding (亩 4, ㎡ 2 decimals) happens once, here. */
function areaTotal(squareMetres: number): AreaTotal {
  return {
    squareMetres: roundTo(squareMetres, AREA_DECIMALS.squareMetres),
    mu: roundTo(squareMetresToMu(squareMetres), AREA_DECIMALS.mu),
  };
}

function finishTotals(accumulator: Accumulator): VillageTotals {
  return {
    village: accumulator.village,
    name: accumulator.name,
    known: accumulator.known,
    households: accumulator.households,
    withoutGeometry: accumulator.withoutGeometry,
    withoutSurveyArea: accumulator.withoutSurveyArea,
    surveyArea: areaTotal(accumulator.survey),
    ellipsoidArea: areaTotal(accumulator.ellipsoid),
    planeArea: areaTotal(accumulator.plane),
    buildingAreaSquareMetres: roundTo(accumulator.building, AREA_DECIMALS.squareMetres),
  };
}

/**
 * Parts of the validation a caller may have computed already, position by position: a large delivery has its
 * areas measured in a worker thread while this thread checks overlaps (`prepareImport`). Each must be what
 * `validateImport` would compute itself from the same candidates and context.
 */
export interface ValidationStages {
  /** `repairCandidates(candidates)`. */
  repairs: readonly GeometryRepair<ImportGeometry>[];
  /** `parcelAreas(repaired geometries, context.zone)`. */
  areas?: ParcelAreas;
  /** `findOverlaps(repaired geometries, options.overlapToleranceSquareMetres)`. */
  overlaps?: OverlapSummary;
}

/** Every candidate's geometry checked and repaired (the first stage of `validateImport`). */
export function repairCandidates(candidates: readonly ImportCandidate[]): GeometryRepair<ImportGeometry>[] {
  return candidates.map((candidate) => repairGeometry(candidate.geometry));
}

export function validationOptions(context: ValidationContext): ValidationOptions {
  return { ...DEFAULT_VALIDATION_OPTIONS, ...context.options };
}

export function validateImport(
  candidates: readonly ImportCandidate[],
  context: ValidationContext,
  stages?: ValidationStages,
): ValidationReport {
  return startValidation(candidates, context, stages).finish(stages?.areas);
}

/** A validation whose checks that need no area are done (`startValidation`). */
export interface ValidationInProgress {
  /**
   * The report, with the checks and totals that need the areas: `areas` as `ValidationStages.areas`, or measured
   * here when absent.
   */
  finish(areas?: ParcelAreas): ValidationReport;
}

/**
 * `validateImport` in two steps: every check that needs no area first, so that a caller whose areas are still
 * being measured in a worker (`prepareImport`) does them meanwhile; then `finish` with the areas. The report is
 * `validateImport`'s, finding for finding and in the same order.
 */
export function startValidation(
  candidates: readonly ImportCandidate[],
  context: ValidationContext,
  stages?: Omit<ValidationStages, 'areas'>,
): ValidationInProgress {
  const options = validationOptions(context);
  const repairs = stages?.repairs ?? repairCandidates(candidates);
  const resolveVillage = villageResolver(context.villages);
  const geometries: (ImportGeometry | null)[] = [];
  const repairedGeometries = new Map<number, AreaGeometry>();
  const resolvedVillages: (string | null)[] = [];
  const newVillageRecords = new Map<string, number[]>();
  const folded = new Map<string, { field: TargetField; raw: string; code: string; records: number[] }>();

  // Each record's findings in two lists: those of the checks here, and those of the checks `finish` does (which
  // came last among a record's findings), each with its record's position, to merge them record by record.
  const recordFindings: ImportFinding[] = [];
  const recordPositions: number[] = [];
  // One function for every record's findings (the record in hand is `current`): not a closure per record.
  let current = candidates[0] as ImportCandidate;
  let currentPosition = 0;
  const add = (finding: Omit<ImportFinding, 'recordIndex' | 'code'>): void => {
    recordFindings.push({ recordIndex: current.index, code: current.code, ...finding });
    recordPositions.push(currentPosition);
  };
  // The record's label, made only for a record with a finding.
  const label = new RecordLabel();
  candidates.forEach((candidate, position) => {
    current = candidate;
    currentPosition = position;
    label.of(candidate);

    // Geometry: repaired first, so every later check and every total uses the geometry that will be stored.
    const repair = repairs[position] as GeometryRepair<ImportGeometry>;
    geometries.push(repair.geometry);
    // A repaired geometry is GeoJSON (only one kept as read stays flat).
    if (repair.geometry && repair.changed)
      repairedGeometries.set(candidate.index, asGeoJson(repair.geometry));
    for (const problem of repair.problems) {
      if (problem.kind === 'empty') {
        add({
          severity: 'error',
          kind: 'empty-geometry',
          field: 'geometry',
          zh: `${label.zh}：几何为空`,
          en: `${label.en}: the geometry is empty`,
          repaired: false,
        });
        continue;
      }
      add({
        severity: problem.repaired ? 'warning' : 'error',
        kind: 'invalid-geometry',
        field: 'geometry',
        reason: problem.kind,
        repaired: problem.repaired,
        zh: `${label.zh}：几何无效——${problem.zh}；${problem.repaired ? '已自动修复' : '无法自动修复，请修改源数据'}`,
        en: `${label.en}: invalid geometry — ${problem.en}; ${problem.repaired ? 'repaired' : 'not repaired, please correct the source'}`,
      });
    }

    for (const field of ['code', 'holder', 'village'] as const) {
      if (candidate[field]) continue;
      const name = targetLabel(field);
      add({
        severity: 'error',
        kind: 'missing-value',
        field,
        zh: `${label.zh}：缺少${name.zh}`,
        en: `${label.en}: ${name.en} is missing`,
      });
    }

    checkLandClass(candidate, label, add, folded);
    checkStructure(candidate, label, add, folded);
    checkStatuses(candidate, label, add);
    for (const invalid of candidate.invalidValues ?? []) {
      const name = targetLabel(invalid.field);
      add({
        severity: 'warning',
        kind: 'invalid-value',
        field: invalid.field,
        zh: `${label.zh}：${name.zh}「${invalid.raw}」无法识别，按${invalid.field === 'cadre' ? '否' : '空'}处理`,
        en: `${label.en}: ${name.en} "${invalid.raw}" cannot be read; taken as ${invalid.field === 'cadre' ? 'no' : 'empty'}`,
      });
    }

    // Village: one of the park's, or a new one to create. A programme takes in further villages as it grows, and
    // there is no other way to add one: an unknown village is a warning naming it, not a refusal.
    let villageKey: string | null = null;
    if (candidate.village) {
      const village = resolveVillage(candidate.village);
      if (village) villageKey = village.code;
      else {
        villageKey = candidate.village;
        const records = newVillageRecords.get(villageKey) ?? [];
        records.push(candidate.index);
        newVillageRecords.set(villageKey, records);
      }
    }
    resolvedVillages.push(villageKey);
  });

  // The findings about several records or the whole file, after every record's own.
  const findings: ImportFinding[] = [];
  // Hashing 100k codes into a map is some 50 ms: done once, for the duplicates and the diff.
  const firstByCode = firstPositionByCode(candidates);
  findings.push(...duplicateCodeFindings(candidates, firstByCode));
  findings.push(...codeCaseFindings(candidates, firstByCode, context.existing));
  const overlaps = stages?.overlaps ?? findOverlaps(geometries, options.overlapToleranceSquareMetres);
  for (const pair of overlaps.pairs) {
    const first = candidates[pair.first] as ImportCandidate;
    const second = candidates[pair.second] as ImportCandidate;
    const firstLabel = recordLabel(first);
    const secondLabel = recordLabel(second);
    const area = squareMetresText(pair.squareMetres);
    findings.push({
      severity: 'warning',
      kind: 'overlap',
      recordIndex: first.index,
      code: first.code,
      field: 'geometry',
      overlapSquareMetres: pair.squareMetres,
      otherCode: second.code,
      otherRecordIndex: second.index,
      zh: `${firstLabel.zh}与${secondLabel.zh}重叠 ${area} ㎡（重叠部分在合计中计算两次）`,
      en: `${firstLabel.en} overlaps ${secondLabel.en.charAt(0).toLowerCase()}${secondLabel.en.slice(1)} by ${area} ㎡ (counted twice in the totals)`,
    });
  }
  if (overlaps.slivers.count > 0) {
    const tolerance = options.overlapToleranceSquareMetres;
    findings.push({
      severity: 'info',
      kind: 'overlap-slivers',
      recordIndex: null,
      code: null,
      field: 'geometry',
      overlapSquareMetres: overlaps.slivers.squareMetres,
      zh: `另有 ${overlaps.slivers.count} 处重叠小于 ${tolerance} ㎡（合计 ${overlaps.slivers.squareMetres.toFixed(4)} ㎡），视为数字化误差，未逐条列出`,
      en: `${overlaps.slivers.count} further overlaps are below ${tolerance} ㎡ (${overlaps.slivers.squareMetres.toFixed(4)} ㎡ in all): digitizing slivers, counted but not listed`,
    });
  }

  const newVillages = [...newVillageRecords].map(([name, records]) => ({ name, records: records.length }));
  for (const [name, records] of newVillageRecords) {
    const numbers = recordNumbers(records);
    findings.push({
      severity: 'warning',
      kind: 'new-village',
      recordIndex: null,
      code: null,
      field: 'village',
      zh: `村「${name}」不是本园区现有的村，提交时将新建（${records.length} 条记录：${numbers.zh}）`,
      en: `Village "${name}" is not in the park; it will be created on commit (${records.length} records: ${numbers.en})`,
    });
  }
  for (const { field, raw, code, records } of folded.values()) {
    const table = field === 'landClass' ? LAND_CLASSES : STRUCTURES;
    const target = findCoded(table, code);
    const numbers = recordNumbers(records);
    const name = targetLabel(field);
    findings.push({
      severity: 'info',
      kind: 'value-folded',
      recordIndex: null,
      code: null,
      field,
      zh: `${name.zh}「${raw}」按「${target?.zh ?? code}」处理（${records.length} 条记录：${numbers.zh}）`,
      en: `${name.en} "${raw}" taken as "${target?.en ?? code}" (${records.length} records: ${numbers.en})`,
    });
  }
  const diff = redeliveryDiff(
    candidates,
    context.existing,
    resolvedVillages,
    geometries,
    firstByCode,
    context.removeMissing === true,
  );

  return {
    finish(measured) {
      const areas = new Map<number, { ellipsoid: number; plane: number }>();
      const boundary = context.parkBoundary ? prepareBoundary(context.parkBoundary) : null;
      const accumulators = new Map<string, Accumulator>();
      for (const village of context.villages) {
        accumulators.set(village.code, emptyAccumulator(village.code, village.name, true));
      }
      const total = emptyAccumulator('total', '合计 / Total', true);
      const areaFindings: ImportFinding[] = [];
      const areaPositions: number[] = [];
      const addAreaFinding = (finding: Omit<ImportFinding, 'recordIndex' | 'code'>): void => {
        areaFindings.push({ recordIndex: current.index, code: current.code, ...finding });
        areaPositions.push(currentPosition);
      };
      candidates.forEach((candidate, position) => {
        current = candidate;
        currentPosition = position;
        label.of(candidate);
        const geometry = geometries[position] ?? null;
        // Areas of the geometry to store, in both 口径.
        const ellipsoid = !geometry
          ? 0
          : measured
            ? (measured.ellipsoid[position] as number)
            : ellipsoidArea(asGeoJson(geometry));
        const plane = !geometry
          ? 0
          : measured
            ? (measured.plane[position] as number)
            : planeArea(asGeoJson(geometry), context.zone);
        if (geometry) areas.set(candidate.index, { ellipsoid, plane });
        checkNumbers(candidate, label, addAreaFinding, geometry ? plane : null, options);

        if (boundary && geometry) {
          const position = positionToBoundary(asGeoJson(geometry), boundary);
          if (position.fullyOutside) {
            addAreaFinding({
              severity: 'warning',
              kind: 'outside-boundary',
              field: 'geometry',
              outsideSquareMetres: position.outsideSquareMetres,
              zh: `${label.zh}：在园区红线外`,
              en: `${label.en}: outside the park boundary`,
            });
          } else if (
            Number.isNaN(position.outsideSquareMetres) ||
            position.outsideSquareMetres >= options.boundaryToleranceSquareMetres
          ) {
            const area = squareMetresText(position.outsideSquareMetres);
            addAreaFinding({
              severity: 'warning',
              kind: 'outside-boundary',
              field: 'geometry',
              outsideSquareMetres: position.outsideSquareMetres,
              zh: `${label.zh}：部分在园区红线外，红线外面积 ${area} ㎡`,
              en: `${label.en}: partly outside the park boundary, ${area} ㎡ outside`,
            });
          }
        }

        const key = resolvedVillages[position] ?? '';
        let accumulator = accumulators.get(key);
        if (!accumulator) {
          accumulator = emptyAccumulator(key, key === '' ? '（未填村）/ (no village)' : key, false);
          accumulators.set(key, accumulator);
        }
        accumulate(accumulator, candidate, geometry !== null, ellipsoid, plane);
        accumulate(total, candidate, geometry !== null, ellipsoid, plane);
      });

      // Every record's findings in the order its checks ran, record by record; then the others.
      const all: ImportFinding[] = [];
      let next = 0;
      for (let index = 0; index < areaFindings.length; index++) {
        const position = areaPositions[index] as number;
        while (next < recordFindings.length && (recordPositions[next] as number) <= position) {
          all.push(recordFindings[next++] as ImportFinding);
        }
        all.push(areaFindings[index] as ImportFinding);
      }
      while (next < recordFindings.length) all.push(recordFindings[next++] as ImportFinding);
      for (const finding of findings) all.push(finding);

      const ordered = all
        .map((finding, position) => ({ finding, position }))
        .sort(
          (first, second) =>
            SEVERITY_ORDER[first.finding.severity] - SEVERITY_ORDER[second.finding.severity] ||
            (first.finding.recordIndex ?? Number.MAX_SAFE_INTEGER) -
              (second.finding.recordIndex ?? Number.MAX_SAFE_INTEGER) ||
            first.position - second.position,
        )
        .map(({ finding }) => finding);
      const errors = ordered.filter((finding) => finding.severity === 'error').length;
      const warnings = ordered.filter((finding) => finding.severity === 'warning').length;
      const villages = [...accumulators.values()]
        .filter((accumulator) => accumulator.known || accumulator.households > 0)
        .map(finishTotals);

      return {
        mode: context.mode,
        canCommit: errors === 0,
        counts: {
          records: candidates.length,
          errors,
          warnings,
          infos: ordered.length - errors - warnings,
          repaired: repairedGeometries.size,
        },
        findings: ordered,
        villages,
        total: finishTotals(total),
        diff,
        newVillages,
        overlapSlivers: { ...overlaps.slivers, toleranceSquareMetres: options.overlapToleranceSquareMetres },
        repairedGeometries,
        areas,
        zone: context.zone,
      };
    },
  };
}

/**
 * The label of the record in hand (`of`), as `recordLabel` makes it, made only when a finding asks for it: most
 * records have none, and two strings for each of 100k records are garbage to collect.
 */
class RecordLabel implements BilingualMessage {
  private candidate: Pick<ImportCandidate, 'index' | 'code'> | null = null;
  private label: BilingualMessage | null = null;

  of(candidate: Pick<ImportCandidate, 'index' | 'code'>): void {
    this.candidate = candidate;
    this.label = null;
  }

  private made(): BilingualMessage {
    this.label ??= recordLabel(this.candidate as Pick<ImportCandidate, 'index' | 'code'>);
    return this.label;
  }

  get zh(): string {
    return this.made().zh;
  }

  get en(): string {
    return this.made().en;
  }
}

type AddFinding = (finding: Omit<ImportFinding, 'recordIndex' | 'code'>) => void;
type FoldedValues = Map<string, { field: TargetField; raw: string; code: string; records: number[] }>;

function noteFolded(
  folded: FoldedValues,
  field: TargetField,
  raw: string,
  code: string,
  index: number,
): void {
  const key = `${field}\u0000${raw}`;
  const entry = folded.get(key) ?? { field, raw, code, records: [] };
  entry.records.push(index);
  folded.set(key, entry);
}

function checkLandClass(
  candidate: ImportCandidate,
  label: BilingualMessage,
  add: AddFinding,
  folded: FoldedValues,
): void {
  const { code, raw } = candidate.landClass;
  if (raw === null) {
    add({
      severity: 'warning',
      kind: 'missing-value',
      field: 'landClass',
      zh: `${label.zh}：缺少地类，按「其他」处理`,
      en: `${label.en}: land class is missing; taken as "Other"`,
    });
    return;
  }
  if (code === null) {
    add({
      severity: 'warning',
      kind: 'unknown-value',
      field: 'landClass',
      zh: `${label.zh}：地类「${raw}」无法识别，按「其他」处理（可用：${LAND_CLASSES.map((entry) => entry.zh).join('、')}）`,
      en: `${label.en}: land class "${raw}" is not known; taken as "Other" (known: ${LAND_CLASSES.map((entry) => entry.en).join(', ')})`,
    });
    return;
  }
  // Re-read from `raw` to learn how it was recognised: the candidate keeps only the result.
  const basis = normalizeLandClass(raw).basis;
  if (basis === 'gb21010-other') {
    add({
      severity: 'warning',
      kind: 'unknown-value',
      field: 'landClass',
      zh: `${label.zh}：国标地类代码「${raw}」（GB/T 21010）不属于宅基地、耕地、林地、园地，按「其他」处理`,
      en: `${label.en}: GB/T 21010 land class code "${raw}" is not homestead, farmland, forest or orchard; taken as "Other"`,
    });
  } else if (basis !== 'label') noteFolded(folded, 'landClass', raw, code, candidate.index);
}

function checkStructure(
  candidate: ImportCandidate,
  label: BilingualMessage,
  add: AddFinding,
  folded: FoldedValues,
): void {
  const { code, raw } = candidate.structure;
  if (raw === null) return;
  if (code === null) {
    add({
      severity: 'warning',
      kind: 'unknown-value',
      field: 'structure',
      zh: `${label.zh}：结构「${raw}」无法识别，按空处理（可用：${STRUCTURES.map((entry) => entry.zh).join('、')}）`,
      en: `${label.en}: structure "${raw}" is not known; left empty (known: ${STRUCTURES.map((entry) => entry.en).join(', ')})`,
    });
    return;
  }
  if (normalizeStructure(raw).basis !== 'label') noteFolded(folded, 'structure', raw, code, candidate.index);
}

function checkStatuses(candidate: ImportCandidate, label: BilingualMessage, add: AddFinding): void {
  for (const axis of ['signing', 'clearance'] as const) {
    const { code, raw } = candidate[axis];
    if (raw === null || code !== null) continue;
    const name = targetLabel(axis);
    const accepted = acceptedStatusLabels(axis);
    add({
      severity: 'error',
      kind: 'unknown-value',
      field: axis,
      zh: `${label.zh}：${name.zh}「${raw}」无法识别，可用：${accepted}`,
      en: `${label.en}: ${name.en} "${raw}" is not known; accepted: ${accepted}`,
    });
  }
  // DESIGN.md, "Status model": clearance cannot move past `occupied` before signing or a legal ruling.
  const signing = candidate.signing.code;
  const clearance = candidate.clearance.code;
  if (
    signing &&
    clearance &&
    clearance !== 'occupied' &&
    !(SIGNING_DONE as readonly string[]).includes(signing)
  ) {
    add({
      severity: 'error',
      kind: 'status-conflict',
      field: 'clearance',
      zh: `${label.zh}：拆除状态「${candidate.clearance.raw}」要求签约状态为已签约或已裁决，实际为「${candidate.signing.raw}」`,
      en: `${label.en}: clearance status "${candidate.clearance.raw}" needs signing to be signed or ruled, found "${candidate.signing.raw}"`,
    });
  }
}

function checkNumbers(
  candidate: ImportCandidate,
  label: BilingualMessage,
  add: AddFinding,
  plane: number | null,
  options: ValidationOptions,
): void {
  const building = candidate.buildingArea;
  if (building !== null && building < 0) {
    add({
      severity: 'error',
      kind: 'building-area',
      field: 'buildingArea',
      zh: `${label.zh}：建筑面积为负数（${building}）`,
      en: `${label.en}: building area is negative (${building})`,
    });
  } else if (building === 0) {
    add({
      severity: 'warning',
      kind: 'building-area',
      field: 'buildingArea',
      zh: `${label.zh}：建筑面积为 0，按无房屋处理`,
      en: `${label.en}: building area is 0; taken as no building`,
    });
  }
  const survey = candidate.surveyArea;
  if (survey === null) return;
  if (survey <= 0) {
    add({
      severity: survey < 0 ? 'error' : 'warning',
      kind: 'survey-area',
      field: 'surveyArea',
      zh: `${label.zh}：登记面积为${survey < 0 ? '负数' : '零'}（${survey}）`,
      en: `${label.en}: survey area is ${survey < 0 ? 'negative' : 'zero'} (${survey})`,
    });
    return;
  }
  if (plane === null || plane <= 0) return;
  const difference = Math.abs(survey - plane) / plane;
  if (difference <= options.surveyAreaTolerance) return;
  const percent = (difference * 100).toFixed(1);
  add({
    severity: 'warning',
    kind: 'survey-area-mismatch',
    field: 'surveyArea',
    zh: `${label.zh}：登记面积 ${squareMetresText(survey)} ㎡ 与图形平面面积 ${squareMetresText(plane)} ㎡ 相差 ${percent}%`,
    en: `${label.en}: survey area ${squareMetresText(survey)} ㎡ differs from the plane area of the geometry ${squareMetresText(plane)} ㎡ by ${percent}%`,
  });
}

/** The position of each code's first record. */
function firstPositionByCode(candidates: readonly ImportCandidate[]): Map<string, number> {
  const firstByCode = new Map<string, number>();
  candidates.forEach((candidate, position) => {
    if (candidate.code && !firstByCode.has(candidate.code)) firstByCode.set(candidate.code, position);
  });
  return firstByCode;
}

function duplicateCodeFindings(
  candidates: readonly ImportCandidate[],
  firstByCode: ReadonlyMap<string, number>,
): ImportFinding[] {
  // A group only for a code seen twice (100k unique codes make no arrays), in order of the code's first record.
  const byCode = new Map<string, ImportCandidate[]>();
  candidates.forEach((candidate, position) => {
    if (!candidate.code) return;
    const first = firstByCode.get(candidate.code) as number;
    if (first === position) return;
    const group = byCode.get(candidate.code);
    if (group) group.push(candidate);
    else byCode.set(candidate.code, [candidates[first] as ImportCandidate, candidate]);
  });
  const groups = [...byCode].sort(
    ([firstCode], [secondCode]) =>
      (firstByCode.get(firstCode) as number) - (firstByCode.get(secondCode) as number),
  );
  const findings: ImportFinding[] = [];
  for (const [code, group] of groups) {
    const numbers = recordNumbers(group.map((candidate) => candidate.index));
    for (const candidate of group) {
      const label = recordLabel(candidate);
      findings.push({
        severity: 'error',
        kind: 'duplicate-code',
        recordIndex: candidate.index,
        code,
        field: 'code',
        zh: `${label.zh}：宗地编码 ${code} 重复，出现在${numbers.zh}记录`,
        en: `${label.en}: parcel code ${code} is not unique; it appears in ${numbers.en}`,
      });
    }
  }
  return findings;
}

/**
 * Codes that differ from another only in letter case (jc00001 and JC00001), in the delivery or against the store: a
 * typo that would add a second parcel for the same land, or, with `--remove-missing`, delete the stored one and its
 * history. An error naming both spellings: the delivery is corrected, not guessed at. Only codes with lower-case
 * letters can differ so, which keeps the check to a handful of codes in a 100k delivery.
 */
function codeCaseFindings(
  candidates: readonly ImportCandidate[],
  firstByCode: ReadonlyMap<string, number>,
  existing: readonly ExistingParcel[],
): ImportFinding[] {
  const lowerCase = /\p{Ll}/u;
  const storedCodes = existing.length > 0 ? new Set(existing.map((parcel) => parcel.code)) : null;
  // Stored codes with lower-case letters, by their upper-case form: few or none.
  const storedLowerCase = new Map<string, string>();
  for (const parcel of existing) {
    if (lowerCase.test(parcel.code)) storedLowerCase.set(parcel.code.toUpperCase(), parcel.code);
  }
  const deliveredLowerCase = new Map<string, string>();
  const findings: ImportFinding[] = [];
  const conflict = (candidate: ImportCandidate, zh: string, en: string): void => {
    const label = recordLabel(candidate);
    findings.push({
      severity: 'error',
      kind: 'duplicate-code',
      recordIndex: candidate.index,
      code: candidate.code,
      field: 'code',
      zh: `${label.zh}：${zh}`,
      en: `${label.en}: ${en}`,
    });
  };
  candidates.forEach((candidate, position) => {
    const code = candidate.code;
    if (!code || firstByCode.get(code) !== position) return;
    const hasLowerCase = lowerCase.test(code);
    if (!hasLowerCase && storedLowerCase.size === 0) return;
    const upper = hasLowerCase ? code.toUpperCase() : code;
    if (hasLowerCase) {
      const other = firstByCode.has(upper) ? upper : deliveredLowerCase.get(upper);
      if (other !== undefined) {
        const record = (candidates[firstByCode.get(other) as number] as ImportCandidate).index + 1;
        conflict(
          candidate,
          `宗地编码 ${code} 与第 ${record} 条记录的 ${other} 只有大小写不同，请统一`,
          `parcel code ${code} differs from ${other} (record ${record}) only in letter case; make them one`,
        );
      } else deliveredLowerCase.set(upper, code);
    }
    if (!storedCodes || storedCodes.has(code)) return;
    const stored = storedCodes.has(upper) ? upper : storedLowerCase.get(upper);
    if (stored !== undefined && stored !== code) {
      conflict(
        candidate,
        `宗地编码 ${code} 与现有宗地 ${stored} 只有大小写不同：请按现有编码填写，否则将作为新宗地导入`,
        `parcel code ${code} differs from the stored parcel ${stored} only in letter case: write it as stored, or it would be a new parcel`,
      );
    }
  });
  return findings;
}

const geometryAsGeoJson = (geometry: ImportGeometry | null): AreaGeometry | null =>
  geometry ? asGeoJson(geometry) : null;

const sameNumber = (first: number | null | undefined, second: number | null | undefined): boolean =>
  (first ?? null) === null || (second ?? null) === null
    ? (first ?? null) === (second ?? null)
    : roundTo(first as number, AREA_DECIMALS.squareMetres) ===
      roundTo(second as number, AREA_DECIMALS.squareMetres);

/**
 * Matched by parcel code. Only fields the store passed are compared; the first record of a duplicated code stands
 * for it (duplicates are errors anyway). Status is not compared: a re-delivery never touches status history.
 */
function redeliveryDiff(
  candidates: readonly ImportCandidate[],
  existing: readonly ExistingParcel[],
  resolvedVillages: readonly (string | null)[],
  geometries: readonly (ImportGeometry | null)[],
  firstByCode: ReadonlyMap<string, number>,
  removeMissing: boolean,
): RedeliveryDiff {
  const stored = new Map(existing.map((parcel) => [parcel.code, parcel]));
  const diff: RedeliveryDiff = {
    added: [],
    changed: [],
    removed: [],
    removeMissing,
    otherVillages: 0,
    unchanged: 0,
  };
  candidates.forEach((candidate, position) => {
    const code = candidate.code;
    if (!code || firstByCode.get(code) !== position) return;
    const parcel = stored.get(code);
    if (!parcel) {
      diff.added.push({ recordIndex: candidate.index, code });
      return;
    }
    const fields: DiffField[] = [];
    if (
      parcel.geometryKey !== undefined &&
      parcel.geometryKey !== geometryKey(geometryAsGeoJson(geometries[position] ?? null))
    ) {
      fields.push('geometry');
    }
    if ((candidate.holder ?? '') !== parcel.holder) fields.push('holder');
    if ((resolvedVillages[position] ?? '') !== parcel.village) fields.push('village');
    if (parcel.group !== undefined && (candidate.group ?? '') !== parcel.group) fields.push('group');
    if (!sameNumber(candidate.surveyArea, parcel.surveyArea)) fields.push('surveyArea');
    if (parcel.landClass !== undefined && (candidate.landClass.code ?? 'other') !== parcel.landClass) {
      fields.push('landClass');
    }
    if (parcel.buildingArea !== undefined && !sameNumber(candidate.buildingArea, parcel.buildingArea)) {
      fields.push('buildingArea');
    }
    if (parcel.structure !== undefined && candidate.structure.code !== parcel.structure)
      fields.push('structure');
    if (parcel.cadre !== undefined && candidate.cadre !== parcel.cadre) fields.push('cadre');
    if (parcel.idNumber !== undefined && candidate.idNumber !== parcel.idNumber) fields.push('idNumber');
    if (parcel.phone !== undefined && candidate.phone !== parcel.phone) fields.push('phone');
    if (fields.length > 0) diff.changed.push({ recordIndex: candidate.index, code, fields });
    else diff.unchanged++;
  });
  const deliveredVillages = new Set(resolvedVillages);
  for (const parcel of existing) {
    if (firstByCode.has(parcel.code)) continue;
    if (deliveredVillages.has(parcel.village)) {
      diff.removed.push({ code: parcel.code, village: parcel.village, holder: parcel.holder });
    } else diff.otherVillages++;
  }
  return diff;
}
