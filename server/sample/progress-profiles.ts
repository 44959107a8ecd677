/**
 * How far each village has got by the as-of date, and how fast. Seven profiles from nearly done to barely started;
 * the history generator hands them to the villages in a seeded order, so the map shows villages at visibly
 * different stages (DESIGN.md: the command centre compares villages).
 */

export interface ProgressProfile {
  /** Share of the village's parcels that reached each stage (cumulative, decreasing). */
  surveyed: number;
  appraised: number;
  /** Signed or ruled. */
  signed: number;
  /** Share of the signed-or-ruled parcels whose compensation was decided by ruling (依法裁决). */
  ruledShare: number;
  vacated: number;
  demolished: number;
  handedOver: number;
  /** When the village's work began, as a fraction of the window. */
  start: number;
  /** Share of parcels surveyed before the window opened (logged on its first two days). */
  preSurveyed: number;
  /** When the survey, appraisal and signing fronts reached their final share (fraction of the window). */
  surveyStop: number;
  appraiseStop: number;
  signStop: number;
}

/** From fastest to slowest; villages draw them in a seeded order. */
export const PROGRESS_PROFILES: readonly ProgressProfile[] = [
  {
    surveyed: 1,
    appraised: 0.97,
    signed: 0.9,
    ruledShare: 0.04,
    vacated: 0.66,
    demolished: 0.58,
    handedOver: 0.52,
    start: 0,
    preSurveyed: 0.45,
    surveyStop: 0.22,
    appraiseStop: 0.5,
    signStop: 0.97,
  },
  {
    surveyed: 0.98,
    appraised: 0.86,
    signed: 0.66,
    ruledShare: 0.035,
    vacated: 0.38,
    demolished: 0.29,
    handedOver: 0.22,
    start: 0,
    preSurveyed: 0.2,
    surveyStop: 0.45,
    appraiseStop: 0.8,
    signStop: 1,
  },
  {
    surveyed: 0.93,
    appraised: 0.72,
    signed: 0.46,
    ruledShare: 0.03,
    vacated: 0.2,
    demolished: 0.13,
    handedOver: 0.08,
    start: 0.05,
    preSurveyed: 0.05,
    surveyStop: 0.7,
    appraiseStop: 1,
    signStop: 1,
  },
  {
    surveyed: 0.85,
    appraised: 0.56,
    signed: 0.31,
    ruledShare: 0.03,
    vacated: 0.11,
    demolished: 0.06,
    handedOver: 0.035,
    start: 0.12,
    preSurveyed: 0,
    surveyStop: 1,
    appraiseStop: 1,
    signStop: 1,
  },
  {
    surveyed: 0.68,
    appraised: 0.4,
    signed: 0.18,
    ruledShare: 0.02,
    vacated: 0.05,
    demolished: 0.025,
    handedOver: 0.012,
    start: 0.22,
    preSurveyed: 0,
    surveyStop: 1,
    appraiseStop: 1,
    signStop: 1,
  },
  {
    surveyed: 0.42,
    appraised: 0.2,
    signed: 0.06,
    ruledShare: 0,
    vacated: 0.01,
    demolished: 0,
    handedOver: 0,
    start: 0.45,
    preSurveyed: 0,
    surveyStop: 1,
    appraiseStop: 1,
    signStop: 1,
  },
  {
    surveyed: 0.15,
    appraised: 0.05,
    signed: 0.012,
    ruledShare: 0,
    vacated: 0,
    demolished: 0,
    handedOver: 0,
    start: 0.72,
    preSurveyed: 0,
    surveyStop: 1,
    appraiseStop: 1,
    signStop: 1,
  },
];
