import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRateTableContent, rateTableInEffect } from '../../server/domain/rates.ts';

const SAMPLE = JSON.parse(readFileSync('data/sample/rates.json', 'utf8')) as {
  versions: Record<string, unknown>[];
};

function sampleVersion(): Record<string, unknown> {
  return structuredClone(SAMPLE.versions[0] as Record<string, unknown>);
}

describe('parseRateTableContent', () => {
  it('accepts every version of the committed sample', () => {
    for (const version of SAMPLE.versions) expect(parseRateTableContent(version).ok).toBe(true);
  });

  it('names each missing or negative rate by its field, in Chinese and English, and defaults nothing', () => {
    const input = sampleVersion();
    delete (input.land as Record<string, unknown>).forest;
    (input.building as Record<string, unknown>).simple = -1;
    delete input.relocationPerHousehold;
    const result = parseRateTableContent(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({ field: 'land.forest', zh: '林地土地补偿标准（元/亩）缺失' }),
      expect.objectContaining({
        field: 'building.simple',
        value: '-1',
        en: 'Building rate for simple structures (yuan/m²) cannot be negative',
      }),
      expect.objectContaining({ field: 'relocationPerHousehold', en: expect.stringContaining('is missing') }),
    ]);
  });

  it('refuses text, sub-fen precision, unknown keys, impossible dates and slipped decimal points', () => {
    const input = sampleVersion();
    (input.land as Record<string, unknown>).farmland = '52000';
    (input.land as Record<string, unknown>).paddy = 50000;
    (input.building as Record<string, unknown>).frame = 1350.005;
    (input.building as Record<string, unknown>).brickWood = 860_000;
    input.effectiveDate = '2026-02-30';
    const result = parseRateTableContent(input);
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual([
      'effectiveDate',
      'land.paddy',
      'land.farmland',
      'building.frame',
      'building.brickWood',
    ]);
  });

  it('refuses an effective date before the earliest allowed day, saying why', () => {
    const input = { ...sampleVersion(), effectiveDate: '2026-11-26' };
    const result = parseRateTableContent(input, { earliestEffectiveDate: '2026-11-27' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.en).toContain('cannot reach back');
    expect(
      parseRateTableContent(
        { ...input, effectiveDate: '2026-11-27' },
        { earliestEffectiveDate: '2026-11-27' },
      ).ok,
    ).toBe(true);
  });
});

describe('rateTableInEffect', () => {
  const tables = [
    { version: 1, effectiveDate: '2026-09-20' },
    { version: 2, effectiveDate: '2026-11-16' },
    { version: 3, effectiveDate: '2026-11-16' },
    { version: 4, effectiveDate: '2026-12-01' },
  ];

  it('picks the latest effective date on or before the day, the later version on a tie', () => {
    expect(rateTableInEffect(tables, '2026-09-19')).toBeUndefined();
    expect(rateTableInEffect(tables, '2026-09-20')?.version).toBe(1);
    expect(rateTableInEffect(tables, '2026-11-15')?.version).toBe(1);
    expect(rateTableInEffect(tables, '2026-11-16')?.version).toBe(3);
    expect(rateTableInEffect(tables, '2026-11-30')?.version).toBe(3);
    expect(rateTableInEffect(tables, '2027-01-01')?.version).toBe(4);
  });
});
