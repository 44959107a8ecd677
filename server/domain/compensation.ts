/**
 * The one compensation function. The parcel detail, the exports, the 公示 board, the what-if budget and the fairness
 * check all call `computeCompensation`, so a household's amount is the same number wherever it is read.
 *
 * Rules (documented for users in data/README.md, "Compensation"):
 * - Land: plane area (the area engine's `planeArea`, holes already subtracted; what cadastral surveys report) in 亩
 *   × the land-class rate.
 * - Building: floor area less illegal (违建) and rush-built (抢建, first seen after the announcement date) floor area,
 *   × the structure rate. Illegal and rush-built floor area is listed with rate 0: it is never compensated.
 * - Relocation allowance: once per homestead household with compensated floor area (it moves out of a dwelling).
 * - Early-signing bonus: once per household whose status is `signed` (a legal ruling earns none) and whose signing
 *   day in China Standard Time is on or before the deadline.
 * - Which table: a signed or ruled household keeps the table in effect on its signing day; anyone else is shown the
 *   table in effect today (see `rateDateFor`).
 * - Money: every line is kept exact; the total is rounded half-up to the fen (分) once, at the end, so the sum of
 *   a village's households is the sum of the published totals, and no line's rounding leaks into another.
 */
import { chinaDate } from './china-time.ts';
import type { RateTable } from './rates.ts';
import {
  findCoded,
  LAND_CLASSES,
  type LandClass,
  type SigningStatus,
  STRUCTURES,
  type Structure,
} from './statuses.ts';
import type { BilingualMessage } from './transitions.ts';
import { SQUARE_METRES_PER_MU } from './units.ts';

export interface CompensationFacts {
  landClass: LandClass;
  /** Land area in ㎡: the parcel's plane area. */
  landArea: number;
  /** Building floor area in ㎡, null without a building. */
  buildingArea: number | null;
  structure: Structure | null;
  /** Floor area (㎡) found to be illegal (违建). 0 when none was recorded. */
  illegalBuildingArea: number;
  /** Floor area (㎡) first seen after the announcement date (抢建). 0 when none was recorded. */
  rushBuiltArea: number;
  signing: SigningStatus;
  /** When the household signed or was ruled (ISO 8601 with offset); null when not (or not known). */
  signedAt: string | null;
}

export const COMPENSATION_LINES = [
  { code: 'land', zh: '土地补偿', en: 'Land compensation' },
  { code: 'building', zh: '房屋补偿', en: 'Building compensation' },
  { code: 'illegalStructure', zh: '违法建筑', en: 'Illegal structure' },
  { code: 'rushBuilt', zh: '抢建部分', en: 'Rush-built structure' },
  { code: 'relocation', zh: '搬迁补助', en: 'Relocation allowance' },
  { code: 'earlySigning', zh: '签约奖励', en: 'Early-signing bonus' },
] as const;

export type CompensationLineCode = (typeof COMPENSATION_LINES)[number]['code'];

export const COMPENSATION_UNITS = {
  mu: { zh: '亩', en: 'mu' },
  squareMetre: { zh: '㎡', en: 'm²' },
  household: { zh: '户', en: 'household' },
} as const;

export type CompensationUnit = keyof typeof COMPENSATION_UNITS;

export interface CompensationLine {
  code: CompensationLineCode;
  zh: string;
  en: string;
  basis: BilingualMessage;
  quantity: number;
  unit: CompensationUnit;
  /** 元 per unit. */
  unitRate: number;
  /** 元, exact (not rounded): only the total is rounded. */
  amount: number;
}

export interface Compensation {
  rateVersion: number;
  rateTitle: string;
  lines: CompensationLine[];
  /** Integer fen (分): the total rounded once. */
  totalFen: number;
  /** 元 with two decimals, = totalFen / 100. */
  totalYuan: number;
  /** Things a reader should know, e.g. a building without a recorded structure. */
  notes: BilingualMessage[];
}

/** Half-up (四舍五入) to the fen. `toFixed(6)` first drops binary noise, so 1.005 元 (100.4999… fen) gives 101. */
export function yuanToFen(yuan: number): number {
  return Math.round(Number((yuan * 100).toFixed(6)));
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** The day whose rate table applies: the signing day for signed or ruled households, otherwise `today`. */
export function rateDateFor(facts: Pick<CompensationFacts, 'signing' | 'signedAt'>, today: string): string {
  const done = facts.signing === 'signed' || facts.signing === 'ruled';
  return done && facts.signedAt !== null ? chinaDate(facts.signedAt) : today;
}

function line(
  code: CompensationLineCode,
  values: Omit<CompensationLine, 'code' | 'zh' | 'en'>,
): CompensationLine {
  const label = COMPENSATION_LINES.find((entry) => entry.code === code) as { zh: string; en: string };
  return { code, zh: label.zh, en: label.en, ...values };
}

function buildingLines(facts: CompensationFacts, table: RateTable, announcementDate: string) {
  const lines: CompensationLine[] = [];
  const notes: BilingualMessage[] = [];
  const floorArea = facts.buildingArea ?? 0;
  if (floorArea <= 0) return { lines, notes, compensatedArea: 0 };
  const excluded = facts.illegalBuildingArea + facts.rushBuiltArea;
  if (excluded > floorArea) {
    notes.push({
      zh: `违建与抢建面积合计 ${excluded} ㎡ 超过建筑面积 ${floorArea} ㎡，房屋补偿按 0 计`,
      en: `Illegal and rush-built floor area (${excluded} m²) exceeds the floor area (${floorArea} m²); building compensation is 0`,
    });
  }
  const compensatedArea = Math.max(0, floorArea - excluded);
  const structure = facts.structure === null ? undefined : findCoded(STRUCTURES, facts.structure);
  if (structure) {
    const rate = table.building[facts.structure as Structure];
    lines.push(
      line('building', {
        basis: {
          zh: `${structure.zh}结构，可补偿建筑面积`,
          en: `${structure.en} structure, compensable floor area`,
        },
        quantity: compensatedArea,
        unit: 'squareMetre',
        unitRate: rate,
        amount: compensatedArea * rate,
      }),
    );
  } else {
    notes.push({
      zh: '有建筑面积但未登记结构，房屋补偿待补登结构后计算',
      en: 'The building has no recorded structure; building compensation waits for it',
    });
  }
  if (facts.illegalBuildingArea > 0) {
    lines.push(
      line('illegalStructure', {
        basis: { zh: '违法建筑不予补偿', en: 'Illegal structures are not compensated' },
        quantity: facts.illegalBuildingArea,
        unit: 'squareMetre',
        unitRate: 0,
        amount: 0,
      }),
    );
  }
  if (facts.rushBuiltArea > 0) {
    lines.push(
      line('rushBuilt', {
        basis: {
          zh: `征收公告（${announcementDate}）后抢建，不予补偿`,
          en: `Built after the announcement (${announcementDate}); not compensated`,
        },
        quantity: facts.rushBuiltArea,
        unit: 'squareMetre',
        unitRate: 0,
        amount: 0,
      }),
    );
  }
  return { lines, notes, compensatedArea: structure ? compensatedArea : 0 };
}

function earlySigningLine(facts: CompensationFacts, table: RateTable, today?: string): CompensationLine {
  const { bonusPerHousehold, deadline } = table.earlySigning;
  const signingDay = facts.signedAt === null ? null : chinaDate(facts.signedAt);
  let basis: BilingualMessage;
  let quantity = 0;
  if (facts.signing === 'ruled') {
    basis = { zh: '依法裁决，不享受签约奖励', en: 'Decided by legal ruling: no early-signing bonus' };
  } else if (facts.signing !== 'signed' && today !== undefined && today > deadline) {
    basis = { zh: `签约奖励已于 ${deadline} 截止`, en: `The early-signing bonus closed on ${deadline}` };
  } else if (facts.signing !== 'signed') {
    basis = {
      zh: `尚未签约；${deadline}（含）前签约可得`,
      en: `Not signed; earned by signing on or before ${deadline}`,
    };
  } else if (signingDay === null) {
    basis = { zh: '签约日期未知，暂不计奖励', en: 'Signing day unknown: no bonus counted' };
  } else if (signingDay <= deadline) {
    basis = { zh: `${signingDay} 签约，在 ${deadline}（含）前`, en: `Signed ${signingDay}, by ${deadline}` };
    quantity = 1;
  } else {
    basis = { zh: `${signingDay} 签约，晚于 ${deadline}`, en: `Signed ${signingDay}, after ${deadline}` };
  }
  return line('earlySigning', {
    basis,
    quantity,
    unit: 'household',
    unitRate: bonusPerHousehold,
    amount: quantity * bonusPerHousehold,
  });
}

/** A household's compensation under one rate table. Pure: the caller picks the table (`rateDateFor`). */
export interface CompensationOptions {
  /** `YYYY-MM-DD`: named in the basis of rush-built floor area. */
  announcementDate: string;
  /** `YYYY-MM-DD`, CST: only words the early-signing line of a household not yet signed (open or closed). */
  today?: string;
}

export function computeCompensation(
  facts: CompensationFacts,
  table: RateTable,
  options: CompensationOptions,
): Compensation {
  const { announcementDate, today } = options;
  const landClass = findCoded(LAND_CLASSES, facts.landClass);
  const landRate = table.land[facts.landClass];
  const lines: CompensationLine[] = [
    line('land', {
      basis: {
        zh: `${landClass?.zh ?? facts.landClass}，平面面积`,
        en: `${landClass?.en ?? facts.landClass}, plane area`,
      },
      quantity: facts.landArea / SQUARE_METRES_PER_MU,
      unit: 'mu',
      unitRate: landRate,
      // ㎡ × (元/亩) ÷ (㎡/亩): one division, so 1000 ㎡ is exactly 1.5 亩's worth.
      amount: (facts.landArea * landRate) / SQUARE_METRES_PER_MU,
    }),
  ];
  const building = buildingLines(facts, table, announcementDate);
  lines.push(...building.lines);
  if (facts.landClass === 'homestead' && building.compensatedArea > 0) {
    lines.push(
      line('relocation', {
        basis: {
          zh: '宅基地住房搬迁，每户一次',
          en: 'Moving out of a homestead dwelling, once per household',
        },
        quantity: 1,
        unit: 'household',
        unitRate: table.relocationPerHousehold,
        amount: table.relocationPerHousehold,
      }),
    );
  }
  lines.push(earlySigningLine(facts, table, today));
  const totalFen = yuanToFen(lines.reduce((sum, entry) => sum + entry.amount, 0));
  return {
    rateVersion: table.version,
    rateTitle: table.title,
    lines,
    totalFen,
    totalYuan: fenToYuan(totalFen),
    notes: building.notes,
  };
}
