import { SIGNING_STATUSES } from '../../../server/domain/statuses.ts';
import { useBoard } from './board-context.ts';

/** A signing status in its colour from the one status table, with the label in the board's language. */
export function SigningChip({ code }: { code: string }) {
  const { label } = useBoard();
  const status = SIGNING_STATUSES.find((entry) => entry.code === code);
  if (!status) return <span>{code}</span>;
  return (
    <span className="signing-chip">
      <span className="signing-chip-swatch" style={{ background: status.color }} aria-hidden="true" />
      {label(status)}
    </span>
  );
}
