import type { BilingualMessage } from '../domain/transitions.ts';

/** Bad input: names the record and the field, in Chinese and English. Nothing has been written when it is thrown. */
export class DatasetError extends Error {
  constructor(
    readonly record: string,
    readonly field: string,
    readonly bilingual: BilingualMessage,
  ) {
    super(`${record} · ${field}: ${bilingual.zh} / ${bilingual.en}`);
    this.name = 'DatasetError';
  }
}
