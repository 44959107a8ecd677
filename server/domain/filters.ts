/**
 * The one filter of the product. The map (on the GPU, via a mask computed with `matchesFilter`), the on-screen
 * numbers, `/api/parcels`, `/api/stats` and every export apply this predicate, and the URL query string of the web
 * app and of the API are read and written by the same two functions, so "showing 1,204 parcels" and the exported
 * file never disagree.
 */
import type { ParcelSummary } from './parcel.ts';
import {
  CLEARANCE_STATUSES,
  type ClearanceStatus,
  LAND_CLASSES,
  type LandClass,
  SIGNING_STATUSES,
  type SigningStatus,
} from './statuses.ts';
import type { BilingualMessage } from './transitions.ts';

export interface ParcelFilter {
  /** Village codes; empty = every village. */
  villages: string[];
  signing: SigningStatus[];
  clearance: ClearanceStatus[];
  landClasses: LandClass[];
  /** true = cadre households only, false = non-cadre only, null = both. */
  cadre: boolean | null;
}

export const EMPTY_FILTER: ParcelFilter = {
  villages: [],
  signing: [],
  clearance: [],
  landClasses: [],
  cadre: null,
};

export function matchesFilter(parcel: ParcelSummary, filter: ParcelFilter): boolean {
  return (
    (filter.villages.length === 0 || filter.villages.includes(parcel.village)) &&
    (filter.signing.length === 0 || filter.signing.includes(parcel.signing)) &&
    (filter.clearance.length === 0 || filter.clearance.includes(parcel.clearance)) &&
    (filter.landClasses.length === 0 || filter.landClasses.includes(parcel.landClass)) &&
    (filter.cadre === null || filter.cadre === parcel.cadre)
  );
}

export function isEmptyFilter(filter: ParcelFilter): boolean {
  return (
    filter.villages.length === 0 &&
    filter.signing.length === 0 &&
    filter.clearance.length === 0 &&
    filter.landClasses.length === 0 &&
    filter.cadre === null
  );
}

/** Query-string names of the filter fields, shared by the web URL and the API. */
export const FILTER_PARAMETERS = {
  villages: 'village',
  signing: 'signing',
  clearance: 'clearance',
  landClasses: 'landClass',
  cadre: 'cadre',
} as const;

export interface FilterError {
  /** The query parameter at fault. */
  field: string;
  value: string;
  message: BilingualMessage;
}

export type FilterParseResult = { ok: true; filter: ParcelFilter } | { ok: false; errors: FilterError[] };

function listParameter(parameters: URLSearchParams, name: string): string[] {
  return parameters
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}

/**
 * Reads a filter from query parameters (`village=V01,V02&signing=signed&cadre=true`; a parameter may also repeat).
 * Unknown codes are errors, not silently ignored: a typo must not export the whole park.
 */
export function parseParcelFilter(
  parameters: URLSearchParams,
  knownVillages: readonly string[],
): FilterParseResult {
  const errors: FilterError[] = [];
  function codes<Code extends string>(
    name: string,
    allowed: readonly string[],
    what: BilingualMessage,
  ): Code[] {
    const values = listParameter(parameters, name);
    for (const value of values) {
      if (!allowed.includes(value)) {
        errors.push({
          field: name,
          value,
          message: {
            zh: `未知的${what.zh}“${value}”，可选值：${allowed.join('、')}`,
            en: `Unknown ${what.en} "${value}"; allowed: ${allowed.join(', ')}`,
          },
        });
      }
    }
    return [...new Set(values)] as Code[];
  }
  const villages = codes<string>(FILTER_PARAMETERS.villages, knownVillages, { zh: '村', en: 'village' });
  const signing = codes<SigningStatus>(
    FILTER_PARAMETERS.signing,
    SIGNING_STATUSES.map((status) => status.code),
    { zh: '签约状态', en: 'signing status' },
  );
  const clearance = codes<ClearanceStatus>(
    FILTER_PARAMETERS.clearance,
    CLEARANCE_STATUSES.map((status) => status.code),
    { zh: '拆除状态', en: 'clearance status' },
  );
  const landClasses = codes<LandClass>(
    FILTER_PARAMETERS.landClasses,
    LAND_CLASSES.map((landClass) => landClass.code),
    { zh: '地类', en: 'land class' },
  );
  let cadre: boolean | null = null;
  const cadreValue = parameters.get(FILTER_PARAMETERS.cadre);
  if (cadreValue !== null && cadreValue !== '') {
    if (cadreValue === 'true' || cadreValue === '1') cadre = true;
    else if (cadreValue === 'false' || cadreValue === '0') cadre = false;
    else {
      errors.push({
        field: FILTER_PARAMETERS.cadre,
        value: cadreValue,
        message: {
          zh: `干部户筛选只能是 true 或 false，收到“${cadreValue}”`,
          en: `cadre must be true or false, got "${cadreValue}"`,
        },
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, filter: { villages, signing, clearance, landClasses, cadre } };
}

/** The inverse of `parseParcelFilter`: only non-empty fields are written, in a fixed order. */
export function formatParcelFilter(filter: ParcelFilter): URLSearchParams {
  const parameters = new URLSearchParams();
  if (filter.villages.length > 0) parameters.set(FILTER_PARAMETERS.villages, filter.villages.join(','));
  if (filter.signing.length > 0) parameters.set(FILTER_PARAMETERS.signing, filter.signing.join(','));
  if (filter.clearance.length > 0) parameters.set(FILTER_PARAMETERS.clearance, filter.clearance.join(','));
  if (filter.landClasses.length > 0)
    parameters.set(FILTER_PARAMETERS.landClasses, filter.landClasses.join(','));
  if (filter.cadre !== null) parameters.set(FILTER_PARAMETERS.cadre, String(filter.cadre));
  return parameters;
}

/** A short, file-name-safe description of the filter, e.g. `V01-V02_signed` or `all`. */
export function describeFilterForFileName(filter: ParcelFilter): string {
  const parts = [
    filter.villages.join('-'),
    filter.signing.join('-'),
    filter.clearance.join('-'),
    filter.landClasses.join('-'),
    filter.cadre === null ? '' : filter.cadre ? 'cadre' : 'non-cadre',
  ].filter((part) => part.length > 0);
  return parts.length > 0 ? parts.join('_') : 'all';
}
