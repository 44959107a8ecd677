import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReportApp } from './report-app.tsx';
import '../print/print-sheet.css';
import './report.css';

/** Mounts the daily report: light and printable, without the map or the dashboard's dark theme. */
export function renderReport(root: HTMLElement): void {
  document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', 'light');
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', '#ffffff');
  createRoot(root).render(
    <StrictMode>
      <ReportApp />
    </StrictMode>,
  );
}
