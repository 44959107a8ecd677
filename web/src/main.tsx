import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { preloadParkData } from './state/park-data-loader.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// The public 公示 board (/publicity/…) is its own small tree with its own light styles, loaded instead of the
// dashboard: a villager's phone downloads neither the map nor the dashboard's theme.
if (window.location.pathname === '/publicity' || window.location.pathname.startsWith('/publicity/')) {
  import('./publicity/render-publicity.tsx').then(({ renderPublicity }) => renderPublicity(root));
} else if (window.location.pathname === '/report' || window.location.pathname === '/report/') {
  // The daily report (日报): its own printable tree too; the map never loads there.
  import('./report/render-report.tsx').then(({ renderReport }) => renderReport(root));
} else {
  // The parcels start downloading now, alongside the dashboard's code rather than after it (park-data-loader.ts).
  preloadParkData();
  Promise.all([import('./app.tsx'), import('./styles.css')]).then(([{ App }]) =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
