import type { StatusDefinition } from '../../../server/domain/statuses.ts';

/** A square of a status's colour, read from the domain table's hex (never restated here). */
export function StatusSwatch({ status }: { status: StatusDefinition<string> }) {
  return <span className="status-swatch" style={{ backgroundColor: status.color }} aria-hidden="true" />;
}
