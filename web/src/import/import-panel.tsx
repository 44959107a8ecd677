import { useState } from 'react';
import { createPortal } from 'react-dom';
import { ImportDialog } from './import-dialog.tsx';
import { type ImportLanguage, importText } from './import-text.ts';
import './import.css';

/** 导入测绘成果 for the command centre (the server refuses every other role anyway). */
export function ImportPanel({
  csrfToken,
  language,
  villageNames,
  onImported,
}: {
  csrfToken: string;
  language: ImportLanguage;
  villageNames: readonly string[];
  onImported(): void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <section className="panel-section import-panel" data-testid="import-panel">
      <div className="section-title-row">
        <h2 className="section-title">{importText(language, 'open')}</h2>
      </div>
      <p>{importText(language, 'openHint')}</p>
      <button type="button" className="button" data-testid="import-open" onClick={() => setOpen(true)}>
        {importText(language, 'open')}…
      </button>
      {/* Above the map dock and the time slider: out of the side panel's stacking context. */}
      {open &&
        createPortal(
          <ImportDialog
            csrfToken={csrfToken}
            language={language}
            villageNames={villageNames}
            onClose={() => setOpen(false)}
            onImported={onImported}
          />,
          document.body,
        )}
    </section>
  );
}
