import { type Axis, statusDefinition } from '../../../server/domain/statuses.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { StatusSwatch } from './status-swatch.tsx';

/** A status as a labelled chip in its table colour. */
export function StatusChip({ axis, code, testId }: { axis: Axis; code: string; testId?: string }) {
  const { label } = useLanguage();
  const status = statusDefinition(axis, code);
  if (!status) return <span className="status-chip">{code}</span>;
  return (
    <span
      className="status-chip"
      style={{ borderColor: status.color }}
      data-testid={testId}
      data-status={code}
    >
      <StatusSwatch status={status} />
      {label(status)}
    </span>
  );
}
