/**
 * Reads the sample's rate tables (`rates.json`) and 公示 setting (`settings.json`), documented in data/README.md.
 * Both are optional: a park without them starts with no rate table, and the command centre publishes one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHolderNamePolicy } from '../domain/publicity.ts';
import { parseRateTableContent, type RateTableContent } from '../domain/rates.ts';
import type { PublicitySettings } from './compensation-store.ts';
import { DatasetError } from './dataset-error.ts';

export function readSampleRates(directory: string): RateTableContent[] {
  const path = join(directory, 'rates.json');
  if (!existsSync(path)) return [];
  const file = JSON.parse(readFileSync(path, 'utf8')) as { versions?: unknown };
  if (!Array.isArray(file.versions)) {
    throw new DatasetError('rates.json', 'versions', {
      zh: '缺少版本列表 versions',
      en: 'the list of versions is missing',
    });
  }
  return file.versions.map((version, index) => {
    const parsed = parseRateTableContent(version);
    if (!parsed.ok) {
      const first = parsed.errors[0] as { field: string; zh: string; en: string };
      throw new DatasetError(`rates.json versions[${index}]`, first.field, { zh: first.zh, en: first.en });
    }
    return parsed.content;
  });
}

export function readSampleSettings(directory: string): PublicitySettings | undefined {
  const path = join(directory, 'settings.json');
  if (!existsSync(path)) return undefined;
  const file = JSON.parse(readFileSync(path, 'utf8')) as { publicity?: { holderNames?: unknown } };
  const holderNames = file.publicity?.holderNames;
  if (!isHolderNamePolicy(holderNames)) {
    throw new DatasetError('settings.json', 'publicity.holderNames', {
      zh: `公示姓名显示方式必须是 masked 或 full，而不是“${String(holderNames)}”`,
      en: `the 公示 holder-name policy must be masked or full, not "${String(holderNames)}"`,
    });
  }
  return { holderNames };
}
