/**
 * The geometry repair's two tolerances, shared by its GeoJSON checks (geometry-repair.ts) and the flat check of a
 * single ring (flat-clean-ring.ts), which must decide alike.
 */

/**
 * sin(angle) below which an edge pair counts as doubling back: exact up to floating-point noise, no more, so a
 * thin but real spur of land is left alone (it is valid for PostGIS as well).
 */
export const SPIKE_SINE = 1e-10;

/** Distance from the line through the farthest vertex, relative to its squared length, that still counts as on it. */
export const COLLINEAR_TOLERANCE = 1e-12;
