/**
 * The compensation columns of parcel exports, added only for roles that may see household amounts (hq, viewer):
 * the amount in force (agreed at signing, or what the rate table gives today), where it comes from, and the
 * rate-table version. The same `amountInForce` feeds the 公示 board, so an export and the board agree.
 */
import type { AmountInForce } from '../domain/compensation-ledger.ts';
import type { ParcelColumn } from './parcel-columns.ts';

export interface ExportCompensation extends AmountInForce {
  /** When the household signed or was ruled; null otherwise. */
  signedAt: string | null;
}

const SOURCE_LABELS = {
  agreement: '签约记录 agreement',
  rateTable: '补偿标准测算 rate table',
  none: null,
} as const;

export const COMPENSATION_COLUMNS: readonly ParcelColumn[] = [
  {
    name: 'compensation_yuan',
    zh: '补偿金额（元）',
    en: 'Compensation (yuan)',
    type: 'real',
    value: (record, context) => {
      const fen = context.compensation?.get(record.summary.id)?.fen;
      return fen === undefined || fen === null ? null : fen / 100;
    },
  },
  {
    name: 'compensationSource',
    zh: '金额来源',
    en: 'Amount from',
    type: 'text',
    value: (record, context) => {
      const source = context.compensation?.get(record.summary.id)?.source;
      return source === undefined ? null : SOURCE_LABELS[source];
    },
  },
  {
    name: 'rateVersion',
    zh: '补偿标准版本',
    en: 'Rate table version',
    type: 'integer',
    value: (record, context) => context.compensation?.get(record.summary.id)?.rateVersion ?? null,
  },
  {
    name: 'signedAt',
    zh: '签约（裁决）时间',
    en: 'Signed or ruled at',
    type: 'text',
    value: (record, context) => context.compensation?.get(record.summary.id)?.signedAt ?? null,
  },
];
