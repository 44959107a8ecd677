import { useMemo } from 'react';
import { encodeQrCode, qrCodePath } from '../../../server/domain/qr-code.ts';

/** The QR code of `url`, drawn here from the offline encoder (no image request, sharp on paper at any size). */
export function QrCodeImage({ url, label }: { url: string; label: string }) {
  const { extent, path } = useMemo(() => qrCodePath(encodeQrCode(url)), [url]);
  return (
    <svg
      className="qr-code"
      viewBox={`0 0 ${extent} ${extent}`}
      shapeRendering="crispEdges"
      role="img"
      aria-label={label}
      data-testid="publicity-qr"
      data-url={url}
    >
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
