/**
 * Source fields → our fields. The importer proposes a mapping from the names Chinese cadastral deliveries use
 * (Chinese labels, English names, and the pinyin initials of 南方CASS / EPS / 国土调查 software such as `ZDDM`
 * 宗地代码, `QLR` 权利人, `DLBM` 地类编码), the operator corrects it once, and it is saved as JSON for the next
 * delivery. `applyMapping` then turns every source record into an `ImportCandidate` with normalized values; values
 * it cannot read stay visible (`raw`, `invalidValues`) so the validation report can name them.
 */
import {
  CLEARANCE_STATUSES,
  type Coded,
  LAND_CLASSES,
  SIGNING_STATUSES,
  STRUCTURES,
} from '../domain/statuses.ts';
import type { BilingualMessage } from '../domain/transitions.ts';
import { SQUARE_METRES_PER_MU } from '../domain/units.ts';
import {
  type FieldMapping,
  type ImportCandidate,
  type SourceField,
  type SourceLayer,
  type SourceValue,
  TARGET_FIELDS,
  type TargetField,
} from './source.ts';

/**
 * Names each target is known by, most specific first: the position breaks ties (an exact `ZDMJ` 宗地面积 beats an
 * exact `SHAPE_AREA`, which is the GIS's own computed area, not the surveyor's).
 */
export const FIELD_ALIASES: Readonly<Record<TargetField, readonly string[]>> = {
  code: [
    '宗地编码',
    '宗地代码',
    '宗地号',
    '地块编码',
    'ZDDM',
    'ZDBM',
    'DKBM',
    'PARCEL_ID',
    'CODE',
    'BH',
    '编号',
    '宗地编号',
    '地块编号',
    '地块代码',
    'ZDBH',
    'DKBH',
    'DKDM',
    // The real-estate unit number (宗地代码 and the building's): a parcel code where nothing else is given.
    '不动产单元号',
    'BDCDYH',
  ],
  holder: [
    '户主',
    '户主姓名',
    '权利人',
    '权利人名称',
    '被征收人',
    'QLR',
    'QLRMC',
    'HZ',
    'HZXM',
    'HOLDER',
    'OWNER',
    'NAME',
    '使用权人',
    '土地使用者',
    'SYQR',
  ],
  // A name before a code: a village the park does not have yet is created under the name the file gives it.
  village: [
    '村名',
    '村',
    '行政村',
    '所属村',
    '所在村',
    '村委会',
    '坐落单位名称',
    'CM',
    'CMC',
    'XZCMC',
    'ZLDWMC',
    'CUN',
    'VILLAGENAME',
    'VILLAGE',
  ],
  group: ['组', '村民小组', '村小组', '小组', 'ZU', 'GROUP'],
  landClass: ['地类', '地类名称', '地类编码', '用地类型', '土地用途', 'DLMC', 'DLBM', 'TDYT', 'LAND_CLASS'],
  // BLDG_M2, SURVEY_M2: the names of our own Shapefile export with English field names.
  buildingArea: [
    '建筑面积',
    '房屋面积',
    '房屋建筑面积',
    '总建筑面积',
    'JZMJ',
    'FWJZMJ',
    'BUILDING_AREA',
    'BLDG_M2',
  ],
  structure: ['结构', '房屋结构', '建筑结构', 'JG', 'FWJG', 'JZJG', 'STRUCTURE'],
  // The surveyor's own names first: a bare 面积 or AREA may be the area a GIS computed (MapGIS writes 面积 beside
  // 宗地面积). A GIS's computed area (ArcGIS SHAPE_Area, SuperMap SmArea) is never the registered one: not proposed.
  surveyArea: [
    '宗地面积',
    '登记面积',
    '测绘面积',
    '实测面积',
    '地块面积',
    'ZDMJ',
    'DKMJ',
    'SCMJ',
    'SURVEY_M2',
    '面积',
    'MJ',
    'AREA',
  ],
  idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', 'ZJHM', 'SFZH', 'SFZHM', 'ID_NUMBER'],
  phone: ['电话', '联系电话', '电话号码', '联系方式', '手机', 'DH', 'LXDH', 'LXFS', 'PHONE'],
  cadre: ['干部户', '是否干部', '是否干部户', 'SFGBH', 'CADRE'],
  signing: ['签约状态', '状态', '签约', 'QYZT', 'SIGNING', 'STATUS'],
  clearance: ['拆除状态', '腾空状态', '交地状态', 'CCZT', 'CLEARANCE'],
};

/**
 * Remembered normal forms: a delivery repeats a few dozen villages, land classes and statuses over 100k records,
 * and NFKC plus a regular expression per value and record cost about a second. Bounded: cleared when full.
 */
const normalizedNames = new Map<string, string>();
const NORMALIZED_NAMES_LIMIT = 10_000;

/** Case-, space-, underscore- and hyphen-insensitive, full-width letters folded (`ＺＤＤＭ` = `zddm`). */
export function normalizeName(name: string): string {
  let normalized = normalizedNames.get(name);
  if (normalized === undefined) {
    normalized = name
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s_\-\u3000]+/g, '');
    if (normalizedNames.size >= NORMALIZED_NAMES_LIMIT) normalizedNames.clear();
    normalizedNames.set(name, normalized);
  }
  return normalized;
}

// A contained alias must be long enough not to match by accident: `mj` sits inside `jzmj`, `cm` inside many names.
/** What a GIS computes and writes itself (ArcGIS SHAPE_Area, SuperMap SmArea …): never proposed for a field. */
const COMPUTED_FIELDS = new Set([
  'shapearea',
  'shapeleng',
  'shapelength',
  'smarea',
  'smperimeter',
  'smlength',
]);

function usableForContains(alias: string): boolean {
  return /^[a-z0-9]*$/.test(alias) ? alias.length >= 3 : alias.length >= 2;
}

interface MatchCandidate {
  target: TargetField;
  field: string;
  score: number;
}

/**
 * Exact matches first (by alias priority), then names containing an alias (longest alias first, so
 * `VILLAGE_NAME` goes to the village, not to the holder's `NAME`), or names cut at the format's limit that start an
 * alias (`SourceField.nameMayBeCut`). Greedy: each target and each source field is used at most once.
 */
export function proposeMapping(fields: readonly SourceField[]): FieldMapping {
  const candidates: MatchCandidate[] = [];
  for (const target of TARGET_FIELDS) {
    const aliases = FIELD_ALIASES[target].map(normalizeName);
    for (const field of fields) {
      const name = normalizeName(field.name);
      if (COMPUTED_FIELDS.has(name)) continue;
      aliases.forEach((alias, position) => {
        if (name === alias) candidates.push({ target, field: field.name, score: 10_000 - position });
        else if (usableForContains(alias) && name.includes(alias)) {
          candidates.push({ target, field: field.name, score: alias.length * 100 - position });
        } else if (field.nameMayBeCut && name.length >= 2 && alias.startsWith(name)) {
          // A name cut at the format's limit: the start of this alias (`宗地编` of `宗地编码`).
          candidates.push({ target, field: field.name, score: name.length * 100 - position });
        }
      });
    }
  }
  candidates.sort((first, second) => second.score - first.score);
  const mapping: FieldMapping = {};
  const usedFields = new Set<string>();
  for (const candidate of candidates) {
    if (mapping[candidate.target] !== undefined || usedFields.has(candidate.field)) continue;
    mapping[candidate.target] = candidate.field;
    usedFields.add(candidate.field);
  }
  return Object.fromEntries(
    TARGET_FIELDS.filter((target) => mapping[target] !== undefined).map((target) => [
      target,
      mapping[target],
    ]),
  ) as FieldMapping;
}

const TARGET_LABELS: Readonly<Record<TargetField, BilingualMessage>> = {
  code: { zh: '宗地编码', en: 'parcel code' },
  holder: { zh: '户主', en: 'holder' },
  village: { zh: '村', en: 'village' },
  group: { zh: '村民小组', en: 'village group' },
  landClass: { zh: '地类', en: 'land class' },
  buildingArea: { zh: '建筑面积', en: 'building area' },
  structure: { zh: '结构', en: 'structure' },
  surveyArea: { zh: '登记面积', en: 'survey area' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '联系电话', en: 'phone' },
  cadre: { zh: '干部户', en: 'cadre household' },
  signing: { zh: '签约状态', en: 'signing status' },
  clearance: { zh: '拆除状态', en: 'clearance status' },
};

/** The field's name in both languages, for messages (`宗地编码` / `parcel code`). */
export function targetLabel(target: TargetField): BilingualMessage {
  return TARGET_LABELS[target];
}

/**
 * A mapping value that starts with `=` is not a field but the value of every record: a surveyor's per-village
 * file often has no village column (`"village": "=新寨村"`).
 */
export const CONSTANT_PREFIX = '=';

export function isConstantMapping(source: string | null | undefined): source is string {
  return typeof source === 'string' && source.startsWith(CONSTANT_PREFIX) && source.length > 1;
}

export interface MappingProblem extends BilingualMessage {
  target: TargetField | null;
  source: string | null;
}

/**
 * Errors only (an empty list means the mapping can be applied): the code is not mapped, a mapped name is not in the
 * source, one source field feeds two targets, a target we do not know. An unmapped holder or village is not an
 * error here: validation names every record that lacks one.
 */
export function validateMapping(mapping: FieldMapping, fields: readonly SourceField[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const names = new Set(fields.map((field) => field.name));
  const targetsBySource = new Map<string, TargetField[]>();
  for (const [key, source] of Object.entries(mapping)) {
    if (!(TARGET_FIELDS as readonly string[]).includes(key)) {
      problems.push({
        target: null,
        source: source ?? null,
        zh: `未知的目标字段「${key}」，可用：${TARGET_FIELDS.join('、')}`,
        en: `Unknown target field "${key}"; known: ${TARGET_FIELDS.join(', ')}`,
      });
      continue;
    }
    const target = key as TargetField;
    if (source === null || source === undefined || isConstantMapping(source)) continue;
    if (!names.has(source)) {
      problems.push({
        target,
        source,
        zh: `${TARGET_LABELS[target].zh}对应的源字段「${source}」在数据中不存在`,
        en: `Source field "${source}" mapped to ${TARGET_LABELS[target].en} is not in the data`,
      });
    }
    targetsBySource.set(source, [...(targetsBySource.get(source) ?? []), target]);
  }
  for (const [source, targets] of targetsBySource) {
    if (targets.length < 2) continue;
    problems.push({
      target: targets[1] ?? null,
      source,
      zh: `源字段「${source}」被同时映射到${targets.map((target) => TARGET_LABELS[target].zh).join('、')}`,
      en: `Source field "${source}" is mapped to more than one field: ${targets.map((target) => TARGET_LABELS[target].en).join(', ')}`,
    });
  }
  if (!mapping.code) {
    problems.push({
      target: 'code',
      source: null,
      zh: '必须指定宗地编码对应的源字段',
      en: 'The parcel code must be mapped to a source field',
    });
  }
  return problems;
}

export const MAPPING_FILE_VERSION = 1;

export type MappingParseResult =
  | { ok: true; mapping: FieldMapping }
  | { ok: false; errors: BilingualMessage[] };

/** Reads a saved mapping file `{ "version": 1, "fields": { "code": "宗地编码", … } }`; null means "not mapped". */
export function parseMappingJson(text: string): MappingParseResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errors: [
        { zh: `映射文件不是有效的 JSON：${reason}`, en: `The mapping file is not valid JSON: ${reason}` },
      ],
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      ok: false,
      errors: [{ zh: '映射文件应为 JSON 对象', en: 'The mapping file must be a JSON object' }],
    };
  }
  const record = parsed as Record<string, unknown>;
  const errors: BilingualMessage[] = [];
  if (record.version !== MAPPING_FILE_VERSION) {
    errors.push({
      zh: `映射文件版本应为 ${MAPPING_FILE_VERSION}，实际为 ${JSON.stringify(record.version)}`,
      en: `The mapping file's version must be ${MAPPING_FILE_VERSION}, found ${JSON.stringify(record.version)}`,
    });
  }
  const fields = record.fields;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    errors.push({ zh: '映射文件缺少 "fields" 对象', en: 'The mapping file lacks a "fields" object' });
    return { ok: false, errors };
  }
  const unknownKeys = Object.keys(fields).filter(
    (key) => !(TARGET_FIELDS as readonly string[]).includes(key),
  );
  if (unknownKeys.length > 0) {
    errors.push({
      zh: `映射文件含未知的目标字段：${unknownKeys.join('、')}（可用：${TARGET_FIELDS.join('、')}）`,
      en: `The mapping file has unknown target fields: ${unknownKeys.join(', ')} (known: ${TARGET_FIELDS.join(', ')})`,
    });
  }
  const mapping: FieldMapping = {};
  for (const target of TARGET_FIELDS) {
    const value = (fields as Record<string, unknown>)[target];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || value.length === 0) {
      errors.push({
        zh: `映射文件中「${target}」的值应为源字段名或 null`,
        en: `"${target}" in the mapping file must be a source field name or null`,
      });
      continue;
    }
    mapping[target] = value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping };
}

/** Every target in the file, null where unmapped, so whoever edits it by hand sees what can be mapped. */
export function formatMappingJson(mapping: FieldMapping): string {
  const fields = Object.fromEntries(TARGET_FIELDS.map((target) => [target, mapping[target] ?? null]));
  return `${JSON.stringify({ version: MAPPING_FILE_VERSION, fields }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** How a coded value was recognised; the report explains everything that is not a plain label or code. */
export type CodedBasis = 'label' | 'synonym' | 'gb21010' | 'gb21010-other' | 'unknown';

export interface CodedValue {
  code: string | null;
  raw: string | null;
  basis: CodedBasis | null;
}

function codedLookup(tables: readonly (readonly Coded<string>[])[]): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const table of tables) {
    for (const entry of table) {
      for (const name of [entry.code, entry.zh, entry.en]) lookup.set(normalizeName(name), entry.code);
    }
  }
  return lookup;
}

const LAND_CLASS_LABELS = codedLookup([LAND_CLASSES]);
const STRUCTURE_LABELS = codedLookup([STRUCTURES]);
const SIGNING_LABELS = codedLookup([SIGNING_STATUSES]);
const CLEARANCE_LABELS = codedLookup([CLEARANCE_STATUSES]);

/**
 * Names of the third national land survey (GB/T 21010-2017) and common speech that fold into our coarser land
 * classes: 水田/水浇地/旱地 are farmland (耕地), 果园/茶园 orchard (园地), … The report states each folding.
 */
const LAND_CLASS_SYNONYMS: ReadonlyMap<string, string> = new Map(
  [
    ['水田', 'farmland'],
    ['水浇地', 'farmland'],
    ['旱地', 'farmland'],
    ['果园', 'orchard'],
    ['茶园', 'orchard'],
    ['橡胶园', 'orchard'],
    ['其他园地', 'orchard'],
    ['有林地', 'forest'],
    ['乔木林地', 'forest'],
    ['竹林地', 'forest'],
    ['灌木林地', 'forest'],
    ['其他林地', 'forest'],
    ['农村宅基地', 'homestead'],
    ['其它', 'other'],
  ].map(([name, code]) => [normalizeName(name as string), code as string]),
);

/**
 * GB/T 21010-2017 codes where the class is obvious: 01xx 耕地, 02xx 园地, 03xx 林地, 0702 农村宅基地. Every other
 * class code (roads, water, 城镇住宅用地 0701, …) becomes `other`, reported as a warning.
 */
function gb21010LandClass(text: string): string | null {
  if (!/^\d{2}(\d{2})?[A-Z]?$/i.test(text)) return null;
  const first = Number(text.slice(0, 2));
  if (first < 1 || first > 12) return null;
  if (first === 1) return 'farmland';
  if (first === 2) return 'orchard';
  if (first === 3) return 'forest';
  if (text.slice(0, 4) === '0702') return 'homestead';
  return 'other';
}

function textOf(value: SourceValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text.length === 0 ? null : text;
}

export function normalizeLandClass(value: SourceValue | undefined): CodedValue {
  const raw = textOf(value);
  if (raw === null) return { code: null, raw: null, basis: null };
  const name = normalizeName(raw);
  const labelled = LAND_CLASS_LABELS.get(name);
  if (labelled) return { code: labelled, raw, basis: 'label' };
  const synonym = LAND_CLASS_SYNONYMS.get(name);
  if (synonym) return { code: synonym, raw, basis: 'synonym' };
  // A DBF numeric field drops the leading zero of `0101`: 101 → 0101, 1 → 01.
  const digits = typeof value === 'number' && Number.isInteger(value) ? padLandClassCode(value) : raw;
  const classified = gb21010LandClass(digits);
  if (classified)
    return { code: classified, raw, basis: classified === 'other' ? 'gb21010-other' : 'gb21010' };
  return { code: null, raw, basis: 'unknown' };
}

function padLandClassCode(value: number): string {
  const text = String(value);
  return text.length === 1 || text.length === 3 ? `0${text}` : text;
}

export function normalizeStructure(value: SourceValue | undefined): CodedValue {
  const raw = textOf(value);
  if (raw === null) return { code: null, raw: null, basis: null };
  const name = normalizeName(raw);
  const labelled = STRUCTURE_LABELS.get(name);
  if (labelled) return { code: labelled, raw, basis: 'label' };
  // `砖混结构` is `砖混` with the word "structure" spelled out.
  const withoutSuffix = STRUCTURE_LABELS.get(name.replace(/结构$|structure$/, ''));
  if (withoutSuffix) return { code: withoutSuffix, raw, basis: 'synonym' };
  return { code: null, raw, basis: 'unknown' };
}

export function normalizeStatus(axis: 'signing' | 'clearance', value: SourceValue | undefined): CodedValue {
  const raw = textOf(value);
  if (raw === null) return { code: null, raw: null, basis: null };
  const code = (axis === 'signing' ? SIGNING_LABELS : CLEARANCE_LABELS).get(normalizeName(raw));
  return code ? { code, raw, basis: 'label' } : { code: null, raw, basis: 'unknown' };
}

/** The labels a status column accepts, for the error that names an unknown one. */
export function acceptedStatusLabels(axis: 'signing' | 'clearance'): string {
  const table = axis === 'signing' ? SIGNING_STATUSES : CLEARANCE_STATUSES;
  return table.map((status) => `${status.zh}/${status.en}/${status.code}`).join('、');
}

export type NumberReading = { value: number | null; invalid: boolean; convertedFromMu: boolean };

/**
 * `1,234.5`, `1 234.5 ㎡`, `１２３４．５平方米` → 1234.5. A value written in 亩 (suffix `亩`, or a field whose name says
 * 亩) is converted to ㎡, since every area we store is in ㎡.
 */
export function parseNumber(value: SourceValue | undefined, fieldInMu = false): NumberReading {
  if (value === null || value === undefined) return { value: null, invalid: false, convertedFromMu: false };
  if (typeof value === 'boolean') return { value: null, invalid: true, convertedFromMu: false };
  let number: number;
  let inMu = fieldInMu;
  if (typeof value === 'number') number = value;
  else {
    let text = value.normalize('NFKC').trim();
    if (text.length === 0) return { value: null, invalid: false, convertedFromMu: false };
    if (/亩$/.test(text)) inMu = true;
    text = text
      .replace(/(㎡|m²|m2|平方米|平米|亩)$/i, '')
      .replace(/[,\s]/g, '')
      .trim();
    number = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  }
  if (!Number.isFinite(number)) return { value: null, invalid: true, convertedFromMu: false };
  return { value: inMu ? number * SQUARE_METRES_PER_MU : number, invalid: false, convertedFromMu: inMu };
}

const TRUE_WORDS = new Set(['是', 'y', 'yes', '1', 'true', 't', '√', '干部户']);
const FALSE_WORDS = new Set(['否', 'n', 'no', '0', 'false', 'f', '×', '']);

export function parseCadre(value: SourceValue | undefined): { value: boolean; invalid: boolean } {
  if (value === null || value === undefined) return { value: false, invalid: false };
  if (typeof value === 'boolean') return { value, invalid: false };
  const word = normalizeName(String(value));
  if (TRUE_WORDS.has(word)) return { value: true, invalid: false };
  if (FALSE_WORDS.has(word)) return { value: false, invalid: false };
  return { value: false, invalid: true };
}

/** Text values: trimmed; a number (DBF numeric code columns) written without a trailing `.0`. */
/**
 * A parcel code as text, with full-width letters and digits (ＪＣ００１, typed with a Chinese input method) as the
 * ASCII they stand for (NFKC): the same code the store has, not a second parcel. Letter case is kept; a code that
 * differs from another only in case is reported (`codeCaseFindings`).
 */
function parcelCode(value: SourceValue | undefined): string | null {
  const text = textValue(value);
  return text === null || /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKC');
}

function textValue(value: SourceValue | undefined): string | null {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return textOf(value);
}

/**
 * ID numbers and phones written masked (`5201**********1234`, as every export of ours and most public lists give
 * them) are not data: read as absent, so an import never overwrites a stored number with its mask.
 */
export function isMaskedPersonalData(value: string | null): boolean {
  return value !== null && /[*＊]/.test(value);
}

function personalData(value: SourceValue | undefined): string | null {
  const text = textValue(value);
  return isMaskedPersonalData(text) ? null : text;
}

/** Records every source record as a candidate, in source order; nothing is dropped here, validation judges. */
/**
 * A normalizer whose results are remembered per source value (a column of land classes or statuses holds a handful
 * of values over 100k records). Each call returns its own `{ code, raw }`; a value of another type (101 or '101')
 * is another value. Bounded: past a few thousand distinct values it simply normalizes.
 */
function rememberedCodes(
  normalize: (value: SourceValue | undefined) => CodedValue,
): (value: SourceValue | undefined) => { code: string | null; raw: string | null } {
  const known = new Map<SourceValue | undefined, CodedValue>();
  return (value) => {
    let coded = known.get(value);
    if (!coded) {
      coded = normalize(value);
      if (known.size < 5000) known.set(value, coded);
    }
    return { code: coded.code, raw: coded.raw };
  };
}

export function applyMapping(layer: SourceLayer, mapping: FieldMapping): ImportCandidate[] {
  // Where each field's value comes from, decided once for all records (not per record and field).
  type Read = (properties: Record<string, SourceValue>) => SourceValue | undefined;
  const reader = (target: TargetField): Read => {
    const source = mapping[target];
    if (isConstantMapping(source)) {
      const constant = source.slice(CONSTANT_PREFIX.length);
      return () => constant;
    }
    return source ? (properties) => properties[source] : () => undefined;
  };
  const read = Object.fromEntries(TARGET_FIELDS.map((target) => [target, reader(target)])) as Record<
    TargetField,
    Read
  >;
  const inMu = {
    buildingArea: (mapping.buildingArea ?? '').includes('亩'),
    surveyArea: (mapping.surveyArea ?? '').includes('亩'),
  };
  const landClass = rememberedCodes(normalizeLandClass);
  const structure = rememberedCodes(normalizeStructure);
  const signing = rememberedCodes((value) => normalizeStatus('signing', value));
  const clearance = rememberedCodes((value) => normalizeStatus('clearance', value));
  let invalidValues: { field: TargetField; raw: string }[] | null = null;
  let properties: Record<string, SourceValue> = {};
  const noteInvalid = (field: TargetField, raw: string): void => {
    if (invalidValues) invalidValues.push({ field, raw });
    else invalidValues = [{ field, raw }];
  };
  const number = (target: 'buildingArea' | 'surveyArea'): number | null => {
    const value = read[target](properties);
    const reading = parseNumber(value, inMu[target]);
    if (reading.invalid) noteInvalid(target, String(value));
    return reading.value;
  };
  return layer.features.map((feature) => {
    properties = feature.properties;
    invalidValues = null;
    const cadreValue = read.cadre(properties);
    const cadre = parseCadre(cadreValue);
    if (cadre.invalid) noteInvalid('cadre', String(cadreValue));
    const candidate: ImportCandidate = {
      index: feature.index,
      code: parcelCode(read.code(properties)),
      holder: textValue(read.holder(properties)),
      village: textValue(read.village(properties)),
      group: textValue(read.group(properties)),
      landClass: landClass(read.landClass(properties)),
      buildingArea: number('buildingArea'),
      structure: structure(read.structure(properties)),
      surveyArea: number('surveyArea'),
      idNumber: personalData(read.idNumber(properties)),
      phone: personalData(read.phone(properties)),
      cadre: cadre.value,
      signing: signing(read.signing(properties)),
      clearance: clearance(read.clearance(properties)),
      geometry: feature.geometry,
    };
    if (feature.sourceId !== undefined) candidate.sourceId = feature.sourceId;
    const invalid = invalidValues as { field: TargetField; raw: string }[] | null;
    if (invalid) {
      // In the order of our fields, so the report lists them the same way for every record.
      invalid.sort(
        (first, second) => TARGET_FIELDS.indexOf(first.field) - TARGET_FIELDS.indexOf(second.field),
      );
      candidate.invalidValues = invalid;
    }
    return candidate;
  });
}
