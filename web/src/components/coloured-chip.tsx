/** Any coded status with a colour (parcel statuses, problem statuses) as a chip, colour read from its table. */
export function ColouredChip({
  status,
  label,
  testId,
  small = false,
}: {
  status: { code: string; color: string };
  label: string;
  testId?: string;
  small?: boolean;
}) {
  return (
    <span
      className={`status-chip${small ? ' status-chip--small' : ''}`}
      style={{ borderColor: status.color }}
      data-testid={testId}
      data-status={status.code}
    >
      <span className="status-swatch" style={{ backgroundColor: status.color }} aria-hidden="true" />
      {label}
    </span>
  );
}
