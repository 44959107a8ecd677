import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicityApp } from './publicity-app.tsx';
import '../print/print-sheet.css';
import './publicity.css';

/** Mounts the public 公示 board: light, printable, no sign-in; the dashboard's code and dark theme never load. */
export function renderPublicity(root: HTMLElement): void {
  document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', 'light');
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', '#ffffff');
  createRoot(root).render(
    <StrictMode>
      <PublicityApp />
    </StrictMode>,
  );
}
