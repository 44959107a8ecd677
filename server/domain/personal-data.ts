/**
 * Masking of personal data (DESIGN.md: ID numbers and phones are masked everywhere the public or an export can see
 * them unless the role allows). One home for the rule, so the detail panel, exports and 公示 mask alike.
 */

/** `520115199001011234` → `520115********1234`: region kept, birth date hidden. */
export function maskIdNumber(idNumber: string | null): string | null {
  if (idNumber === null || idNumber.length === 0) return idNumber;
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null || phone.length === 0) return phone;
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
