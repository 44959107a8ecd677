/**
 * The ledger over the compensation function: which amount is in force, the budget and its what-if, the fairness
 * check, and the 公示 rows (allow-list, masking, cadre households first).
 */
import { describe, expect, it } from 'vitest';
import {
  agreementInForce,
  amountInForce,
  compensationBudget,
  fairnessCheck,
  type Household,
  type LedgerContext,
  NO_EXCLUSIONS,
} from '../../server/domain/compensation-ledger.ts';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import { maskHolderName, PUBLICITY_ROW_FIELDS, publicityRows } from '../../server/domain/publicity.ts';
import type { RateTable } from '../../server/domain/rates.ts';

function rateTable(version: number, effectiveDate: string, farmland: number): RateTable {
  return {
    version,
    title: `v${version}`,
    effectiveDate,
    land: { homestead: 52000, farmland, forest: 31200, orchard: 46800, collective: 52000, other: 15600 },
    building: { frame: 1350, brickConcrete: 1150, brickWood: 860, simple: 380 },
    relocationPerHousehold: 8000,
    earlySigning: { bonusPerHousehold: 20000, deadline: '2026-10-31' },
    note: '',
    createdAt: '',
    createdBy: 'test',
  };
}

const CONTEXT: LedgerContext = {
  tables: [rateTable(1, '2026-09-20', 52000), rateTable(2, '2026-11-16', 60000)],
  today: '2026-11-26',
  announcementDate: '2026-09-20',
};

/** Farmland of exactly 1,000 ㎡ (1.5 亩): 78,000 元 under v1, 90,000 元 under v2. */
function household(
  id: number,
  overrides: Partial<ParcelSummary> = {},
  extra: Partial<Household> = {},
): Household {
  return {
    parcel: {
      id,
      code: `P-${String(id).padStart(3, '0')}`,
      holder: `张三明${id}`,
      village: id % 2 === 0 ? 'V02' : 'V01',
      group: '1组',
      landClass: 'farmland',
      buildingArea: null,
      structure: null,
      cadre: false,
      signing: 'appraised',
      clearance: 'occupied',
      surveyArea: 1000,
      ellipsoidArea: 1000,
      planeArea: 1000,
      version: 1,
      updatedAt: '2026-11-01T00:00:00+08:00',
      ...overrides,
    },
    exclusions: NO_EXCLUSIONS,
    signing: null,
    agreement: null,
    ...extra,
  };
}

function signedHousehold(
  id: number,
  at: string,
  agreedFen: number | null,
  overrides: Partial<ParcelSummary> = {},
) {
  return household(
    id,
    { signing: 'signed', ...overrides },
    {
      signing: { eventId: 100 + id, at, status: 'signed' },
      agreement: {
        parcelId: id,
        eventId: 100 + id,
        status: 'signed',
        signedAt: at,
        rateVersion: 1,
        agreedFen,
        source: 'signing',
        recordedAt: at,
      },
    },
  );
}

describe('amountInForce', () => {
  it('is the recorded agreement of a signed household, and the table of today for the others', () => {
    // Signed 2026-10-20 under v1, with the bonus: 78,000 + 20,000 元, recorded as such.
    const signed = signedHousehold(1, '2026-10-20T10:00:00+08:00', 9_800_000);
    expect(amountInForce(signed, CONTEXT)).toEqual({ fen: 9_800_000, source: 'agreement', rateVersion: 1 });
    expect(amountInForce(household(3), CONTEXT)).toEqual({
      fen: 9_000_000,
      source: 'rateTable',
      rateVersion: 2,
    });
  });

  it('drops the agreement once a correction moved the household back, or when it belongs to an older signing', () => {
    const corrected = signedHousehold(1, '2026-10-20T10:00:00+08:00', 9_800_000, { signing: 'appraised' });
    expect(agreementInForce(corrected)).toBeNull();
    const resigned = signedHousehold(1, '2026-10-20T10:00:00+08:00', 9_800_000);
    resigned.signing = { eventId: 999, at: '2026-11-20T10:00:00+08:00', status: 'signed' };
    expect(agreementInForce(resigned)).toBeNull();
    // Re-signed on 20 November: the table of that day (v2), no bonus.
    expect(amountInForce(resigned, CONTEXT).fen).toBe(9_000_000);
  });
});

describe('compensationBudget', () => {
  const households = [
    signedHousehold(1, '2026-10-20T10:00:00+08:00', 9_800_000),
    household(2),
    household(3),
    household(4, { cadre: true }),
  ];

  it('sums the amounts in force by village, in fen', () => {
    const { rows, total } = compensationBudget(households, CONTEXT, ['V01', 'V02', 'V03']);
    expect(rows.map((row) => [row.key, row.households, row.currentFen])).toEqual([
      ['V01', 2, 9_800_000 + 9_000_000],
      ['V02', 2, 18_000_000],
      ['V03', 0, 0],
    ]);
    expect(total.currentFen).toBe(36_800_000);
    expect(total.proposedFen).toBeNull();
  });

  it('keeps signed households at their agreement under a proposed table, and shows it applied to all', () => {
    const proposed = rateTable(0, '2026-11-27', 66000); // 1.5 亩 × 66,000 = 99,000 元
    const { total } = compensationBudget(households, CONTEXT, ['V01', 'V02'], proposed);
    expect(total.proposedFen).toBe(9_800_000 + 3 * 9_900_000);
    // Everyone under the proposal; the signed household keeps its signing day, so also its bonus.
    expect(total.proposedForAllFen).toBe(9_900_000 + 2_000_000 + 3 * 9_900_000);
  });
});

describe('fairnessCheck', () => {
  it('lists recorded amounts that differ from the table of the signing day, unrecorded ones, and cadres not signed', () => {
    const report = fairnessCheck(
      [
        signedHousehold(1, '2026-10-20T10:00:00+08:00', 9_800_000), // matches v1 + bonus
        signedHousehold(3, '2026-10-20T10:00:00+08:00', 10_800_000), // 10,000 元 too much
        household(
          5,
          { signing: 'signed' },
          { signing: { eventId: 7, at: '2026-11-20T09:00:00+08:00', status: 'signed' } },
        ),
        household(7, { cadre: true, signing: 'appraised' }),
        household(9, { cadre: true, signing: 'ruled' }),
        signedHousehold(11, '2026-10-20T10:00:00+08:00', 9_800_000, { cadre: true }),
      ],
      CONTEXT,
    );
    expect(report.differences.map((entry) => [entry.code, entry.reason, entry.differenceFen])).toEqual([
      ['P-003', 'difference', 1_000_000],
      ['P-005', 'notRecorded', null],
      ['P-009', 'notRecorded', null],
    ]);
    expect(report.differences[0]).toMatchObject({
      recordedFen: 10_800_000,
      computedFen: 9_800_000,
      computedVersion: 1,
    });
    expect(report.cadreNotSigned.map((entry) => [entry.code, entry.signing])).toEqual([
      ['P-007', 'appraised'],
      ['P-009', 'ruled'],
    ]);
    expect(report.checkedHouseholds).toBe(5);
  });
});

describe('the 公示 rows', () => {
  it('masks names like 张*明 and keeps one-character names', () => {
    expect(maskHolderName('张三明')).toBe('张*明');
    expect(maskHolderName('张三')).toBe('张*');
    expect(maskHolderName('欧阳小明')).toBe('欧**明');
    expect(maskHolderName('张')).toBe('张');
  });

  it('puts cadre households first, names them in full, and carries only the allow-listed fields', () => {
    const households = [
      household(3),
      household(1, { cadre: true }),
      signedHousehold(5, '2026-10-20T10:00:00+08:00', 9_800_000),
    ];
    const { rows, totals } = publicityRows(households, CONTEXT, 'masked');
    expect(rows.map((row) => [row.parcelCode, row.holder, row.cadre])).toEqual([
      ['P-001', '张三明1', true],
      ['P-003', '张**3', false],
      ['P-005', '张**5', false],
    ]);
    for (const row of rows) expect(Object.keys(row)).toEqual([...PUBLICITY_ROW_FIELDS]);
    expect(rows[2]).toMatchObject({ landAreaMu: 1.5, buildingAreaSquareMetres: 0, compensationYuan: 98_000 });
    expect(totals).toEqual({
      households: 3,
      landAreaMu: 4.5,
      buildingAreaSquareMetres: 0,
      compensationYuan: 90_000 + 90_000 + 98_000,
      signedHouseholds: 1,
      cadreHouseholds: 1,
      cadreSignedHouseholds: 0,
    });
    expect(publicityRows(households, CONTEXT, 'full').rows[1]?.holder).toBe('张三明3');
  });
});
