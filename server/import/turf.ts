/**
 * turf for the import's geometry work, loaded on first use. Its ES module entry pulls in some hundred `@turf/*`
 * packages, each resolved through tsx's loader hooks: about a second of a command-line import's start-up, spent
 * even when no geometry needs clipping or re-noding (a clean delivery never calls turf). Its CommonJS entry,
 * required synchronously here, loads in a fraction of that and only when a check needs it.
 */
import { createRequire } from 'node:module';

type Turf = typeof import('@turf/turf');

let loaded: Turf | undefined;

export function turf(): Turf {
  loaded ??= createRequire(import.meta.url)('@turf/turf') as Turf;
  return loaded;
}
