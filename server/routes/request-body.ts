/** Reads a JSON request body; a body that is not a JSON object is a 400 naming what was wrong. */
import type { Context } from 'hono';
import type { ErrorDetail } from './errors.ts';

export async function readJsonObject(c: Context): Promise<Record<string, unknown> | null> {
  try {
    const body = await c.req.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function requiredText(
  body: Record<string, unknown>,
  field: string,
  zh: string,
  en: string,
  errors: ErrorDetail[],
): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim().length === 0) {
    errors.push({
      field,
      value: typeof value === 'string' ? value : String(value ?? ''),
      zh: `${zh}不能为空`,
      en: `${en} is required`,
    });
    return '';
  }
  if (value.length > 2000) {
    errors.push({
      field,
      value: `${value.slice(0, 40)}…`,
      zh: `${zh}过长（最多 2000 字）`,
      en: `${en} is too long (2,000 characters at most)`,
    });
  }
  return value.trim();
}

/** Optional field time `at`: ISO 8601, not more than 5 minutes in the future; defaults to now. */
export function eventTime(body: Record<string, unknown>, errors: ErrorDetail[], now = new Date()): string {
  const value = body.at;
  if (value === undefined || value === null || value === '') return now.toISOString();
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    errors.push({
      field: 'at',
      value: String(value),
      zh: '时间格式无效（ISO 8601）',
      en: 'not an ISO 8601 time',
    });
    return '';
  }
  if (time > now.getTime() + 5 * 60 * 1000) {
    errors.push({ field: 'at', value: String(value), zh: '时间不能晚于现在', en: 'cannot be in the future' });
    return '';
  }
  return new Date(time).toISOString();
}

/** `If-Match: "v7"`, `"7"` or `7` → 7; absent → undefined; anything else → NaN. */
export function expectedVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?v?(\d+)"?\s*$/.exec(header);
  return match ? Number(match[1]) : Number.NaN;
}
