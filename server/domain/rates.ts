/**
 * The compensation rate table (补偿标准): one table for every household ("一把尺子量到底"), versioned by an effective
 * date. Versions are only ever appended; a household that signed keeps the version in effect on its signing day
 * (China Standard Time), so publishing a new version never rewrites what was already agreed.
 */
import { LAND_CLASSES, type LandClass, STRUCTURES, type Structure } from './statuses.ts';

/** What the command centre writes: everything but the version number and who published it. */
export interface RateTableContent {
  title: string;
  /** `YYYY-MM-DD`: the table applies to signings on or after this day, China Standard Time. */
  effectiveDate: string;
  /** Land compensation (土地补偿, 区片综合地价) in 元 per 亩, by land class. */
  land: Record<LandClass, number>;
  /** Building compensation (房屋补偿) in 元 per ㎡ of floor area, by structure. */
  building: Record<Structure, number>;
  /** Relocation allowance (搬迁补助) in 元 per household that moves out of a compensated dwelling. */
  relocationPerHousehold: number;
  /** Early-signing bonus (签约奖励) in 元 per household signed on or before `deadline` (inclusive, CST). */
  earlySigning: { bonusPerHousehold: number; deadline: string };
  note: string;
}

export interface RateTable extends RateTableContent {
  version: number;
  createdAt: string;
  createdBy: string;
}

/** A field that failed validation: named by its path (`land.farmland`), with the value and why, in zh and en. */
export interface RateFieldError {
  field: string;
  value: string;
  zh: string;
  en: string;
}

export type RateTableParseResult =
  | { ok: true; content: RateTableContent }
  | { ok: false; errors: RateFieldError[] };

/** Upper bounds that catch a slipped decimal point (元/㎡ typed as 元/亩 and the like), not policy limits. */
const MAXIMUM = { land: 2_000_000, building: 50_000, household: 2_000_000 } as const;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function describe(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface RateLabel {
  field: string;
  zh: string;
  en: string;
  unitZh: string;
  unitEn: string;
  maximum: number;
}

/** A money amount: present, a finite number, not negative, at most to the fen, under the sanity bound. */
function readAmount(value: unknown, label: RateLabel, errors: RateFieldError[]): number {
  const fail = (zh: string, en: string) => {
    errors.push({
      field: label.field,
      value: describe(value),
      zh: `${label.zh}（${label.unitZh}）${zh}`,
      en: `${label.en} (${label.unitEn}) ${en}`,
    });
    return 0;
  };
  if (value === undefined || value === null || value === '') return fail('缺失', 'is missing');
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail('必须是数字', 'must be a number');
  if (value < 0) return fail('不能为负数', 'cannot be negative');
  if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) {
    return fail('最多精确到分（两位小数）', 'has more than two decimals (fen)');
  }
  if (value > label.maximum) {
    return fail(
      `超过上限 ${label.maximum.toLocaleString('zh-CN')}，请检查单位`,
      `exceeds ${label.maximum.toLocaleString('en-GB')}; check the unit`,
    );
  }
  return value;
}

function readDate(value: unknown, field: string, zh: string, en: string, errors: RateFieldError[]): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    errors.push({
      field,
      value: describe(value),
      zh: value === undefined || value === '' ? `${zh}缺失` : `${zh}必须是 YYYY-MM-DD 日期`,
      en: value === undefined || value === '' ? `${en} is missing` : `${en} must be a YYYY-MM-DD date`,
    });
    return '';
  }
  return value;
}

function readObject(value: unknown, field: string, zh: string, en: string, errors: RateFieldError[]) {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  errors.push({ field, value: describe(value), zh: `${zh}缺失`, en: `${en} is missing` });
  return {};
}

/** Keys the table does not know are refused by name: a typo must not silently leave a rate at its old value. */
function refuseUnknownKeys(
  object: Record<string, unknown>,
  known: readonly string[],
  prefix: string,
  errors: RateFieldError[],
) {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      errors.push({
        field: `${prefix}${key}`,
        value: describe(object[key]),
        zh: `未知字段“${prefix}${key}”`,
        en: `unknown field "${prefix}${key}"`,
      });
    }
  }
}

/**
 * Validates a rate table sent by the command centre (or read from `data/sample/rates.json`). Every problem is
 * reported, each naming its field; nothing is defaulted. `earliestEffectiveDate`, when given, is the first day a
 * new version may take effect (the routes pass tomorrow, CST: a version can never reach back to a signing).
 */
export function parseRateTableContent(
  input: unknown,
  options: { earliestEffectiveDate?: string } = {},
): RateTableParseResult {
  const errors: RateFieldError[] = [];
  const body = readObject(input, 'body', '补偿标准', 'The rate table', errors);
  refuseUnknownKeys(
    body,
    ['title', 'effectiveDate', 'land', 'building', 'relocationPerHousehold', 'earlySigning', 'note'],
    '',
    errors,
  );
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  if (title.length === 0 || title.length > 200) {
    errors.push({
      field: 'title',
      value: describe(body.title),
      zh: '标准名称不能为空（最多 200 字）',
      en: 'title is required (200 characters at most)',
    });
  }
  const effectiveDate = readDate(body.effectiveDate, 'effectiveDate', '生效日期', 'effective date', errors);
  if (
    effectiveDate !== '' &&
    options.earliestEffectiveDate !== undefined &&
    effectiveDate < options.earliestEffectiveDate
  ) {
    errors.push({
      field: 'effectiveDate',
      value: effectiveDate,
      zh: `生效日期不能早于 ${options.earliestEffectiveDate}（北京时间）：已签约的协议按签约当日有效的标准计算，新标准不能追溯`,
      en: `the effective date cannot be before ${options.earliestEffectiveDate} (China time): agreements keep the table in effect on their signing day, so a new table cannot reach back`,
    });
  }

  const landObject = readObject(body.land, 'land', '土地补偿标准', 'Land rates', errors);
  refuseUnknownKeys(
    landObject,
    LAND_CLASSES.map((entry) => entry.code),
    'land.',
    errors,
  );
  const land = Object.fromEntries(
    LAND_CLASSES.map((landClass) => [
      landClass.code,
      readAmount(
        landObject[landClass.code],
        {
          field: `land.${landClass.code}`,
          zh: `${landClass.zh}土地补偿标准`,
          en: `Land rate for ${landClass.en.toLowerCase()}`,
          unitZh: '元/亩',
          unitEn: 'yuan/mu',
          maximum: MAXIMUM.land,
        },
        errors,
      ),
    ]),
  ) as Record<LandClass, number>;

  const buildingObject = readObject(body.building, 'building', '房屋补偿标准', 'Building rates', errors);
  refuseUnknownKeys(
    buildingObject,
    STRUCTURES.map((entry) => entry.code),
    'building.',
    errors,
  );
  const building = Object.fromEntries(
    STRUCTURES.map((structure) => [
      structure.code,
      readAmount(
        buildingObject[structure.code],
        {
          field: `building.${structure.code}`,
          zh: `${structure.zh}结构房屋补偿标准`,
          en: `Building rate for ${structure.en.toLowerCase()} structures`,
          unitZh: '元/㎡',
          unitEn: 'yuan/m²',
          maximum: MAXIMUM.building,
        },
        errors,
      ),
    ]),
  ) as Record<Structure, number>;

  const relocationPerHousehold = readAmount(
    body.relocationPerHousehold,
    {
      field: 'relocationPerHousehold',
      zh: '搬迁补助',
      en: 'Relocation allowance',
      unitZh: '元/户',
      unitEn: 'yuan/household',
      maximum: MAXIMUM.household,
    },
    errors,
  );

  const earlyObject = readObject(
    body.earlySigning,
    'earlySigning',
    '签约奖励',
    'Early-signing bonus',
    errors,
  );
  refuseUnknownKeys(earlyObject, ['bonusPerHousehold', 'deadline'], 'earlySigning.', errors);
  const bonusPerHousehold = readAmount(
    earlyObject.bonusPerHousehold,
    {
      field: 'earlySigning.bonusPerHousehold',
      zh: '签约奖励',
      en: 'Early-signing bonus',
      unitZh: '元/户',
      unitEn: 'yuan/household',
      maximum: MAXIMUM.household,
    },
    errors,
  );
  const deadline = readDate(
    earlyObject.deadline,
    'earlySigning.deadline',
    '签约奖励截止日期',
    'early-signing deadline',
    errors,
  );

  const note = body.note === undefined || body.note === null ? '' : body.note;
  if (typeof note !== 'string' || note.length > 2000) {
    errors.push({
      field: 'note',
      value: describe(note).slice(0, 40),
      zh: '说明必须是文字（最多 2000 字）',
      en: 'note must be text (2,000 characters at most)',
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    content: {
      title,
      effectiveDate,
      land,
      building,
      relocationPerHousehold,
      earlySigning: { bonusPerHousehold, deadline },
      note: note as string,
    },
  };
}

/**
 * The version in effect on `date` (`YYYY-MM-DD`, CST): the latest effective date on or before it; of two versions
 * with the same effective date the later-published one, which superseded the other before it took effect.
 */
export function rateTableInEffect<Table extends Pick<RateTable, 'version' | 'effectiveDate'>>(
  tables: readonly Table[],
  date: string,
): Table | undefined {
  let best: Table | undefined;
  for (const table of tables) {
    if (table.effectiveDate > date) continue;
    if (
      !best ||
      table.effectiveDate > best.effectiveDate ||
      (table.effectiveDate === best.effectiveDate && table.version > best.version)
    ) {
      best = table;
    }
  }
  return best;
}
