/**
 * Synthetic resident identity numbers (居民身份证号码) in the GB 11643-1999 layout: 6-digit region code, 8-digit
 * birth date, 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character. They are
 * fictional and exist so that masking on the public board (公示) can be tested with realistic values.
 */
import type { Random } from './prng.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The 18th character for the first 17 digits (GB 11643-1999, ISO 7064 MOD 11-2). */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`expected 17 digits, got "${first17}"`);
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(first17[index]) * (WEIGHTS[index] as number);
  return CHECK_CHARACTERS[sum % 11] as string;
}

export function isValidIdNumber(idNumber: string): boolean {
  return /^\d{17}[\dX]$/.test(idNumber) && idNumberCheckCharacter(idNumber.slice(0, 17)) === idNumber[17];
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export interface IdentityRequest {
  regionCode: string;
  birthYear: number;
  male: boolean;
}

export function synthesizeIdNumber(random: Random, request: IdentityRequest): string {
  const month = random.int(1, 12);
  const days = month === 2 && isLeapYear(request.birthYear) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  const day = random.int(1, days);
  // The sequence's last digit carries the sex: odd for men, even for women.
  const sequence = 2 * random.int(0, 498) + (request.male ? 1 : 2);
  const first17 = `${request.regionCode}${request.birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}
