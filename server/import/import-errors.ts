import type { BilingualMessage } from '../domain/transitions.ts';
import { SourceError } from './source.ts';

export type ImportError = BilingualMessage & { where?: string };

/** Any failure of reading or validating, as the web and the CLI show it: in both languages, with where it is. */
export function describeError(error: unknown): ImportError {
  if (error instanceof SourceError) {
    return { zh: error.zh, en: error.en, ...(error.where ? { where: error.where } : {}) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { zh: `导入失败：${message}`, en: `Import failed: ${message}` };
}

/** An error that crossed from the worker thread: its message is already bilingual. */
export class PreparedImportError extends Error {
  constructor(readonly detail: ImportError) {
    super(`${detail.zh} / ${detail.en}`);
    this.name = 'PreparedImportError';
  }
}
