/** The error body of DESIGN.md ("What bad input gets"): `{ error, details }`, in Chinese and English. */
import type { FilterError } from '../domain/filters.ts';
import type { BilingualMessage } from '../domain/transitions.ts';

export interface ErrorDetail {
  field: string;
  value: string;
  zh: string;
  en: string;
}

export interface ErrorBody {
  error: string;
  details: ErrorDetail[];
}

export function errorBody(message: BilingualMessage, details: ErrorDetail[] = []): ErrorBody {
  return { error: `${message.zh} / ${message.en}`, details };
}

export function filterErrorBody(errors: readonly FilterError[]): ErrorBody {
  return errorBody(
    { zh: '查询参数无效', en: 'Invalid query parameters' },
    errors.map((error) => ({
      field: error.field,
      value: error.value,
      zh: error.message.zh,
      en: error.message.en,
    })),
  );
}
