/**
 * The compensation function against cases computed by hand. Rates are the sample's first table: homestead and
 * farmland 52,000 元/亩 (= 78 元/㎡ exactly, as 1 亩 = 10000/15 ㎡), brick-concrete 1,150 元/㎡, relocation 8,000 元/户,
 * early-signing bonus 20,000 元/户 for signing on or before 2026-10-31 (China time).
 */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { planeArea } from '../../server/domain/areas.ts';
import {
  type CompensationFacts,
  computeCompensation,
  rateDateFor,
  yuanToFen,
} from '../../server/domain/compensation.ts';
import type { RateTable } from '../../server/domain/rates.ts';
import { SQUARE_METRES_PER_MU } from '../../server/domain/units.ts';

function table(overrides: Partial<RateTable> = {}): RateTable {
  return {
    version: 1,
    title: '测试标准',
    effectiveDate: '2026-09-20',
    land: {
      homestead: 52000,
      farmland: 52000,
      forest: 31200,
      orchard: 46800,
      collective: 52000,
      other: 15600,
    },
    building: { frame: 1350, brickConcrete: 1150, brickWood: 860, simple: 380 },
    relocationPerHousehold: 8000,
    earlySigning: { bonusPerHousehold: 20000, deadline: '2026-10-31' },
    note: '',
    createdAt: '2026-09-20T00:00:00Z',
    createdBy: 'test',
    ...overrides,
  };
}

function facts(overrides: Partial<CompensationFacts> = {}): CompensationFacts {
  return {
    landClass: 'homestead',
    landArea: 1000,
    buildingArea: 210.5,
    structure: 'brickConcrete',
    illegalBuildingArea: 0,
    rushBuiltArea: 0,
    signing: 'signed',
    signedAt: '2026-10-31T23:59:59+08:00',
    ...overrides,
  };
}

const OPTIONS = { announcementDate: '2026-09-20', today: '2026-11-26' };
const amounts = (result: ReturnType<typeof computeCompensation>) =>
  Object.fromEntries(result.lines.map((line) => [line.code, line.amount]));

describe('computeCompensation', () => {
  it('a signed homestead: land, building, relocation and the bonus, signed at the last second of the deadline', () => {
    const result = computeCompensation(facts(), table(), OPTIONS);
    // 1.5 亩 × 52,000 = 78,000; 210.5 ㎡ × 1,150 = 242,075; + 8,000 + 20,000 = 348,075.00 元
    expect(amounts(result)).toEqual({ land: 78000, building: 242075, relocation: 8000, earlySigning: 20000 });
    expect(result.lines[0]?.quantity).toBeCloseTo(1.5, 12);
    expect(result.totalFen).toBe(34_807_500);
    expect(result.totalYuan).toBe(348_075);
    expect(result.rateVersion).toBe(1);
  });

  it('the early-signing cut-off is the end of the deadline day in China time, whatever the offset written', () => {
    const total = (signedAt: string) => computeCompensation(facts({ signedAt }), table(), OPTIONS).totalYuan;
    expect(total('2026-10-31T23:59:59+08:00')).toBe(348_075);
    expect(total('2026-10-31T15:59:59Z')).toBe(348_075); // 23:59:59 CST
    expect(total('2026-10-31T16:00:00Z')).toBe(328_075); // 00:00 CST on 1 November
    expect(total('2026-11-01T00:00:00+08:00')).toBe(328_075);
  });

  it('a parcel without a building: land only; the bonus line says it closed', () => {
    const result = computeCompensation(
      facts({
        landClass: 'farmland',
        landArea: 2000,
        buildingArea: null,
        structure: null,
        signing: 'appraised',
      }),
      table(),
      OPTIONS,
    );
    // 3 亩 × 52,000 = 156,000 元
    expect(result.lines.map((line) => line.code)).toEqual(['land', 'earlySigning']);
    expect(result.totalYuan).toBe(156_000);
    expect(result.lines[1]?.basis.zh).toContain('已于 2026-10-31 截止');
  });

  it('illegal and rush-built floor area is listed at rate 0; a ruled household earns no bonus', () => {
    const result = computeCompensation(
      facts({ buildingArea: 300, illegalBuildingArea: 40, rushBuiltArea: 60, signing: 'ruled' }),
      table(),
      OPTIONS,
    );
    // land 78,000 + (300 − 40 − 60) ㎡ × 1,150 = 230,000 + relocation 8,000 = 316,000 元
    expect(amounts(result)).toEqual({
      land: 78000,
      building: 230000,
      illegalStructure: 0,
      rushBuilt: 0,
      relocation: 8000,
      earlySigning: 0,
    });
    expect(result.lines.find((line) => line.code === 'rushBuilt')?.basis.zh).toContain('2026-09-20');
    expect(result.lines.find((line) => line.code === 'illegalStructure')?.quantity).toBe(40);
    expect(result.totalYuan).toBe(316_000);
  });

  it('a dwelling that is wholly illegal gets no building compensation and no relocation allowance', () => {
    const result = computeCompensation(
      facts({
        buildingArea: 120,
        structure: 'simple',
        illegalBuildingArea: 120,
        signedAt: '2026-11-20T10:00:00+08:00',
      }),
      table(),
      OPTIONS,
    );
    expect(amounts(result)).toEqual({ land: 78000, building: 0, illegalStructure: 0, earlySigning: 0 });
    expect(result.totalYuan).toBe(78_000);
  });

  it('rounds to the fen once, at the end, half up', () => {
    // 100.01 ㎡ at 45,000 元/亩 (67.5 元/㎡) = 6,750.675; 100.01 ㎡ × 1,150.50 元/㎡ = 115,061.505.
    // Exact sum 121,812.18; rounding each line first would give 6,750.68 + 115,061.51 = 121,812.19.
    const rates = table({
      land: { ...table().land, farmland: 45000 },
      building: { ...table().building, frame: 1150.5 },
    });
    const result = computeCompensation(
      facts({
        landClass: 'farmland',
        landArea: 100.01,
        buildingArea: 100.01,
        structure: 'frame',
        signing: 'surveyed',
      }),
      rates,
      OPTIONS,
    );
    expect(result.lines[0]?.amount).toBeCloseTo(6750.675, 9);
    expect(result.lines[1]?.amount).toBeCloseTo(115061.505, 9);
    expect(result.totalFen).toBe(12_181_218);
    const roundedLineByLine = result.lines.reduce((sum, line) => sum + yuanToFen(line.amount), 0);
    expect(roundedLineByLine).toBe(12_181_219);
  });

  it('takes the land area from the area engine: a hole is not compensated', () => {
    const outer = [
      [106.64, 26.61],
      [106.6404, 26.61],
      [106.6404, 26.6103],
      [106.64, 26.6103],
      [106.64, 26.61],
    ];
    const hole = [
      [106.6401, 26.6101],
      [106.6401, 26.6102],
      [106.6402, 26.6102],
      [106.6402, 26.6101],
      [106.6401, 26.6101],
    ];
    const withHole: Polygon = { type: 'Polygon', coordinates: [outer, hole] };
    const area = planeArea(withHole);
    const outerArea = planeArea({ type: 'Polygon', coordinates: [outer] });
    const holeArea = planeArea({ type: 'Polygon', coordinates: [hole] });
    expect(area).toBeCloseTo(outerArea - holeArea, 6);
    const result = computeCompensation(
      facts({
        landClass: 'farmland',
        landArea: area,
        buildingArea: null,
        structure: null,
        signing: 'surveyed',
      }),
      table(),
      OPTIONS,
    );
    expect(result.lines[0]?.quantity).toBeCloseTo(area / SQUARE_METRES_PER_MU, 12);
    // 52,000 元/亩 = 78 元/㎡ exactly.
    expect(result.totalFen).toBe(yuanToFen(area * 78));
    expect(result.totalFen).toBeLessThan(yuanToFen(outerArea * 78));
  });

  it('a building without a recorded structure is flagged and waits, with no relocation allowance', () => {
    const result = computeCompensation(facts({ structure: null }), table(), OPTIONS);
    expect(result.lines.map((line) => line.code)).toEqual(['land', 'earlySigning']);
    expect(result.notes[0]?.en).toContain('no recorded structure');
  });
});

describe('yuanToFen and rateDateFor', () => {
  it('rounds half up despite binary fractions', () => {
    expect(yuanToFen(1.005)).toBe(101);
    expect(yuanToFen(0.125)).toBe(13);
    expect(yuanToFen(0.124999)).toBe(12);
    expect(yuanToFen(348075)).toBe(34_807_500);
  });

  it('uses the signing day in China time for signed and ruled households, today for the others', () => {
    expect(rateDateFor({ signing: 'signed', signedAt: '2026-11-15T17:00:00Z' }, '2026-11-26')).toBe(
      '2026-11-16',
    );
    expect(rateDateFor({ signing: 'ruled', signedAt: '2026-11-15T08:00:00+08:00' }, '2026-11-26')).toBe(
      '2026-11-15',
    );
    expect(rateDateFor({ signing: 'appraised', signedAt: null }, '2026-11-26')).toBe('2026-11-26');
  });
});
