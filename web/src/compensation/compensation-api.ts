/**
 * Typed calls of the signed-in compensation routes, for the dashboard's compensation panels. Unlike `api/client.ts`
 * they return a result instead of throwing: the rate editor shows a refused table's field errors (400 details)
 * next to the fields. Each write sends the session's CSRF token, as every dashboard write does.
 */
import type { Compensation } from '../../../server/domain/compensation.ts';
import type {
  Agreement,
  AmountInForce,
  BuildingExclusions,
  FairnessReport,
  SigningRecord,
} from '../../../server/domain/compensation-ledger.ts';
import type { RateTable, RateTableContent } from '../../../server/domain/rates.ts';
import type { ErrorBody } from '../../../server/routes/errors.ts';
import { CSRF_HEADER } from '../api/client.ts';

export interface ParcelCompensationView {
  parcel: { id: number; code: string; holder: string; village: string; signing: string; cadre: boolean };
  exclusions: BuildingExclusions;
  signing: SigningRecord | null;
  rateDate: string | null;
  rateTable: { version: number; title: string; effectiveDate: string } | null;
  compensation: Compensation | null;
  agreement: Agreement | null;
  amountInForce: AmountInForce;
  asOf: string;
}

export interface RateTablesView {
  versions: RateTable[];
  inEffect: number | null;
  today: string;
  earliestEffectiveDate: string;
}

export interface BudgetRowView {
  key: string;
  name: string;
  households: number;
  signedHouseholds: number;
  householdsWithoutAmount: number;
  currentYuan: number;
  proposedYuan: number | null;
  proposedForAllYuan: number | null;
  differenceYuan: number | null;
  pendingBonusCeilingYuan: number;
}

export interface BudgetView {
  asOf: string;
  today: string;
  currentVersion: number | null;
  rows: BudgetRowView[];
  total: BudgetRowView;
}

export type ApiResult<Value> = { ok: true; value: Value } | { ok: false; status: number; error: ErrorBody };

async function call<Value>(path: string, init: RequestInit = {}): Promise<ApiResult<Value>> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  const body = await response.json().catch(() => ({ error: response.statusText, details: [] }));
  return response.ok
    ? { ok: true, value: body as Value }
    : { ok: false, status: response.status, error: body };
}

function send<Value>(method: string, path: string, body: unknown, csrfToken: string) {
  return call<Value>(path, {
    method,
    headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: csrfToken },
    body: JSON.stringify(body),
  });
}

export const compensationApi = {
  parcel: (id: number) => call<ParcelCompensationView>(`/api/compensation/parcels/${id}`),
  rates: () => call<RateTablesView>('/api/compensation/rates'),
  budget: () => call<BudgetView>('/api/compensation/budget'),
  fairness: (village?: string) =>
    call<FairnessReport & { asOf: string }>(
      `/api/compensation/fairness${village ? `?village=${encodeURIComponent(village)}` : ''}`,
    ),
  whatIf: (proposal: Partial<RateTableContent>, csrfToken: string) =>
    send<BudgetView & { proposal: RateTableContent }>(
      'POST',
      '/api/compensation/what-if',
      proposal,
      csrfToken,
    ),
  publish: (table: RateTableContent, csrfToken: string) =>
    send<{ table: RateTable }>('POST', '/api/compensation/rates', table, csrfToken),
};
