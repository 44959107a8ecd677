/**
 * Smooth seeded 2-D value noise, for terrain (hills carry forest, valleys carry fields and hamlets) and for the
 * slow wobble of natural boundaries. Integer hashing only, so the values are identical on every run.
 */

function latticeValue(column: number, row: number, seed: number): number {
  let hash = Math.imul(column, 0x27d4eb2d) ^ Math.imul(row, 0x165667b1) ^ seed;
  hash = Math.imul(hash ^ (hash >>> 15), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 4294967296;
}

function smoothstep(t: number): number {
  return t * t * (3 - 2 * t);
}

/** Value noise in [0, 1) with features about `wavelength` metres across. */
export function valueNoise(x: number, y: number, wavelength: number, seed: number): number {
  const u = x / wavelength;
  const v = y / wavelength;
  const column = Math.floor(u);
  const row = Math.floor(v);
  const fx = smoothstep(u - column);
  const fy = smoothstep(v - row);
  const top = latticeValue(column, row, seed) * (1 - fx) + latticeValue(column + 1, row, seed) * fx;
  const bottom =
    latticeValue(column, row + 1, seed) * (1 - fx) + latticeValue(column + 1, row + 1, seed) * fx;
  return top * (1 - fy) + bottom * fy;
}

/** Three octaves of value noise, normalised back to [0, 1). */
export function fractalNoise(x: number, y: number, wavelength: number, seed: number): number {
  let total = 0;
  let amplitude = 1;
  let weight = 0;
  let currentWavelength = wavelength;
  for (let octave = 0; octave < 3; octave++) {
    total += amplitude * valueNoise(x, y, currentWavelength, (seed + octave * 1013) | 0);
    weight += amplitude;
    amplitude *= 0.5;
    currentWavelength *= 0.5;
  }
  return total / weight;
}
