/** Headers for a file download whose name may hold Chinese (RFC 6266 `filename*` with an ASCII fallback). */
export function downloadHeaders(fileName: string, contentType: string): Record<string, string> {
  const asciiFallback = fileName.replace(/[^\x20-\x7e]/g, '_');
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'no-store',
  };
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json; charset=utf-8',
  gpkg: 'application/geopackage+sqlite3',
  zip: 'application/zip',
} as const;
