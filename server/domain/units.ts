/** Area units. 1 亩 (mu) = 10000/15 ㎡ exactly (the statutory market mu, 市亩). */
export const SQUARE_METRES_PER_MU = 10000 / 15;
export const SQUARE_METRES_PER_HECTARE = 10000;

export function squareMetresToMu(squareMetres: number): number {
  return squareMetres / SQUARE_METRES_PER_MU;
}

export function squareMetresToHectares(squareMetres: number): number {
  return squareMetres / SQUARE_METRES_PER_HECTARE;
}

/** The precision every report uses: 亩 to 4 decimals, ㎡ to 2, hectares to 4 (DESIGN.md, "Areas"). */
export const AREA_DECIMALS = { mu: 4, squareMetres: 2, hectares: 4 } as const;

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
