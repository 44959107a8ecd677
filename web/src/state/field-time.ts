/**
 * The optional "when it happened" of a field update: shown in China time, sent only if the user changed it (the
 * server stamps its own clock otherwise), refused when incomplete or in the future.
 */
import { chinaDateTimeInputValue, fromChinaDateTimeInput } from '../format/china-time.ts';
import type { MessageKey } from '../i18n/use-language.ts';

/** Clock skew between a phone and the server the server tolerates (server/routes/request-body.ts `eventTime`). */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export interface WhenValue {
  /** What the input shows: `YYYY-MM-DDTHH:mm` in China time. */
  input: string;
  /** False until the user changes it: then nothing is sent and the server stamps its own "now". */
  edited: boolean;
}

export function initialWhen(now = Date.now()): WhenValue {
  return { input: chinaDateTimeInputValue(now), edited: false };
}

/** The `at` to send (none = now), or the message key of what is wrong with it. */
export function readWhen(value: WhenValue, now = Date.now()): { at?: string } | { error: MessageKey } {
  if (!value.edited) return {};
  const at = fromChinaDateTimeInput(value.input);
  if (at === null) return { error: 'invalidTime' };
  if (Date.parse(at) > now + FUTURE_TOLERANCE_MS) return { error: 'futureTime' };
  return { at };
}
