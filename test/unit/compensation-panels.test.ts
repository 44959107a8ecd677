/**
 * The dashboard's compensation panels (web/src/compensation/) render from plain props: the breakdown of a
 * household computed by the domain function, and the rate-table editor pre-filled from the table in force.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { computeCompensation } from '../../server/domain/compensation.ts';
import type { RateTable } from '../../server/domain/rates.ts';
import type { ErrorBody } from '../../server/routes/errors.ts';
import type { ParcelCompensationView } from '../../web/src/compensation/compensation-api.ts';
import { CompensationBreakdown } from '../../web/src/compensation/compensation-breakdown.tsx';
import { RateTableEditor } from '../../web/src/compensation/rate-table-editor.tsx';

const TABLE: RateTable = {
  version: 2,
  title: '第二版',
  effectiveDate: '2026-11-16',
  land: { homestead: 52000, farmland: 52000, forest: 31200, orchard: 46800, collective: 52000, other: 15600 },
  building: { frame: 1350, brickConcrete: 1150, brickWood: 880, simple: 420 },
  relocationPerHousehold: 8000,
  earlySigning: { bonusPerHousehold: 20000, deadline: '2026-10-31' },
  note: '',
  createdAt: '',
  createdBy: 'test',
};

function view(agreedFen: number | null): ParcelCompensationView {
  const compensation = computeCompensation(
    {
      landClass: 'homestead',
      landArea: 1000,
      buildingArea: 200,
      structure: 'brickConcrete',
      illegalBuildingArea: 20,
      rushBuiltArea: 0,
      signing: 'signed',
      signedAt: '2026-11-20T10:00:00+08:00',
    },
    TABLE,
    { announcementDate: '2026-09-20' },
  );
  return {
    parcel: {
      id: 1,
      code: '520115-V01-0001',
      holder: '张三',
      village: 'V01',
      signing: 'signed',
      cadre: false,
    },
    exclusions: { illegalBuildingArea: 20, rushBuiltArea: 0 },
    signing: { eventId: 9, at: '2026-11-20T10:00:00+08:00', status: 'signed' },
    rateDate: '2026-11-20',
    rateTable: { version: 2, title: '第二版', effectiveDate: '2026-11-16' },
    compensation,
    agreement:
      agreedFen === null
        ? null
        : {
            parcelId: 1,
            eventId: 9,
            status: 'signed',
            signedAt: '2026-11-20T10:00:00+08:00',
            rateVersion: 2,
            agreedFen,
            source: 'signing',
            recordedAt: '',
          },
    amountInForce: { fen: compensation.totalFen, source: 'rateTable', rateVersion: 2 },
    asOf: '2026-11-25T18:00:00+08:00',
  };
}

describe('CompensationBreakdown', () => {
  it('shows every line, the total in 元 and 万元, and the version used', () => {
    // 78,000 + 180 ㎡ × 1,150 = 207,000 + 8,000 = 293,000 元; 20 ㎡ illegal at 0.
    const html = renderToStaticMarkup(
      createElement(CompensationBreakdown, { view: view(null), language: 'zh' }),
    );
    expect(html).toContain('违法建筑不予补偿');
    expect(html).toContain('293,000.00');
    expect(html).toContain('29.3000 万元');
    expect(html).toContain('补偿标准第 2 版（2026-11-16 起施行），按 2026-11-20 适用');
  });

  it('warns when the recorded agreement differs from the table', () => {
    const html = renderToStaticMarkup(
      createElement(CompensationBreakdown, { view: view(29_300_000 + 500_000), language: 'en' }),
    );
    expect(html).toContain('Recorded at signing: 298,000.00 yuan (version 2)');
    expect(html).toContain('differs from the rate table by 5,000.00 yuan');
  });
});

const REFUSED: { ok: false; status: number; error: ErrorBody } = {
  ok: false,
  status: 400,
  error: { error: '', details: [] },
};

describe('RateTableEditor', () => {
  it('starts from the table in force with the earliest effective date', () => {
    const html = renderToStaticMarkup(
      createElement(RateTableEditor, {
        current: TABLE,
        earliestEffectiveDate: '2026-11-27',
        language: 'zh',
        onPreview: async () => REFUSED,
        onPublish: async () => REFUSED,
      }),
    );
    expect(html).toContain('value="2026-11-27"');
    expect(html).toContain('data-testid="rate-field-building.simple"');
    expect(html).toMatch(
      /data-testid="rate-field-building.simple" value="420"|value="420"[^>]*rate-field-building.simple/,
    );
  });
});
