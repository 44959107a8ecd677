/**
 * The counters the caller and the area worker share (an Int32Array on a SharedArrayBuffer), updated with Atomics:
 * the next unclaimed position, how many positions are measured, and how many of those the worker measured.
 */
export const CLAIMED = 0;
export const COMPLETED = 1;
export const IN_WORKER = 2;
export const COUNTERS = 3;

/** Positions per claim: some milliseconds of geodesic work, so neither thread waits long for the other's last. */
export const AREA_CHUNK = 256;
