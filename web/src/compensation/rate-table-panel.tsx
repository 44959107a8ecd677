import { useState } from 'react';
import { compensationApi } from './compensation-api.ts';
import type { PanelLanguage } from './compensation-text.ts';
import { RateTableEditor } from './rate-table-editor.tsx';
import { useRateTables } from './use-compensation.ts';

/**
 * 补偿标准 for the command centre: the table in force, a what-if against it and publishing a new version. Only hq
 * sees this panel; the server refuses every write from other roles anyway.
 */
export function RateTablePanel({ csrfToken, language }: { csrfToken: string; language: PanelLanguage }) {
  const [reloadKey, setReloadKey] = useState(0);
  const rates = useRateTables(reloadKey);
  if (!rates) return null;
  return (
    <section className="panel-section" data-testid="rate-table-panel">
      <RateTableEditor
        current={rates.versions.find((version) => version.version === rates.inEffect)}
        earliestEffectiveDate={rates.earliestEffectiveDate}
        language={language}
        onPreview={(draft) => compensationApi.whatIf(draft, csrfToken)}
        onPublish={async (draft) => {
          const result = await compensationApi.publish(draft as never, csrfToken);
          if (result.ok) setReloadKey((key) => key + 1);
          return result;
        }}
      />
    </section>
  );
}
