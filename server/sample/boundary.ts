/**
 * The park boundary (红线). Planned red lines are mostly straight runs between surveyed corner points, with a few
 * stretches that follow a stream or a ridge; this draws an irregular star-shaped polygon of that kind and scales
 * it to the requested area.
 */
import { isRingSimple, type Point, type Ring, signedArea } from './geometry.ts';
import type { Random } from './prng.ts';

export function generateParkBoundary(random: Random, targetArea: number): Ring {
  for (let attempt = 0; attempt < 50; attempt++) {
    const ring = attemptBoundary(random.fork(`boundary-${attempt}`), targetArea);
    if (ring) return ring;
  }
  throw new Error('could not draw a simple park boundary');
}

function attemptBoundary(random: Random, targetArea: number): Ring | null {
  const cornerCount = random.int(24, 34);
  const harmonics = [2, 3, 4, 5].map((order) => ({
    order,
    amplitude: random.range(0.03, 0.1) / (order - 1) ** 0.5,
    phase: random.range(0, 2 * Math.PI),
  }));
  const rotation = random.range(0, Math.PI);
  const stretch = random.range(1.15, 1.35);
  const corners: Point[] = [];
  for (let index = 0; index < cornerCount; index++) {
    const angle = ((index + random.range(-0.3, 0.3)) / cornerCount) * 2 * Math.PI;
    let radius = 1;
    for (const harmonic of harmonics)
      radius += harmonic.amplitude * Math.cos(harmonic.order * angle + harmonic.phase);
    radius *= random.range(0.94, 1.04);
    const x = radius * Math.cos(angle) * stretch;
    const y = (radius * Math.sin(angle)) / stretch;
    corners.push([
      x * Math.cos(rotation) - y * Math.sin(rotation),
      x * Math.sin(rotation) + y * Math.cos(rotation),
    ]);
  }
  const scale = Math.sqrt(targetArea / signedArea(corners));
  const scaled = corners.map(([x, y]): Point => [x * scale, y * scale]);
  const ring: Point[] = [];
  for (let index = 0; index < scaled.length; index++) {
    const start = scaled[index] as Point;
    const end = scaled[(index + 1) % scaled.length] as Point;
    ring.push(start);
    // About a third of the runs follow a natural feature: a gentle meander instead of a straight line.
    if (random.chance(0.35)) ring.push(...meander(random, start, end));
  }
  // Meanders change the area a little; a final uniform scale brings it back to the target exactly.
  const correction = Math.sqrt(targetArea / signedArea(ring));
  const result = ring.map(([x, y]): Point => [x * correction, y * correction]);
  return isRingSimple(result) ? result : null;
}

/** Interior points of a gently meandering run from `start` to `end` (ends excluded), every ~30 m. */
export function meander(
  random: Random,
  start: Point,
  end: Point,
  relativeAmplitude = 0.05,
  spacing = 30,
): Point[] {
  const dx = end[0] - start[0];
  const dy = end[1] - start[1];
  const length = Math.hypot(dx, dy);
  const steps = Math.floor(length / spacing);
  if (steps < 2) return [];
  const normalX = -dy / length;
  const normalY = dx / length;
  // Sine terms vanish at both ends, so the run still meets its neighbours exactly at the corners.
  const terms = [1, 2, 3, 4, 5, 6].map((order) => ({
    order,
    amplitude: (random.range(-1, 1) * relativeAmplitude * length) / order ** 1.25,
  }));
  const points: Point[] = [];
  for (let step = 1; step < steps; step++) {
    const t = step / steps;
    let offset = 0;
    for (const term of terms) offset += term.amplitude * Math.sin(term.order * Math.PI * t);
    points.push([start[0] + dx * t + normalX * offset, start[1] + dy * t + normalY * offset]);
  }
  return points;
}
