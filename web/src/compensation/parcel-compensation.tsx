import { CompensationBreakdown } from './compensation-breakdown.tsx';
import type { PanelLanguage } from './compensation-text.ts';
import { useParcelCompensation } from './use-compensation.ts';

/** The selected household's compensation breakdown in the parcel detail (nothing when the role may not see it). */
export function ParcelCompensation({
  parcelId,
  version,
  language,
}: {
  parcelId: number;
  version: number;
  language: PanelLanguage;
}) {
  const view = useParcelCompensation(parcelId, version);
  return view ? <CompensationBreakdown view={view} language={language} /> : null;
}
