import { type KeyboardEvent, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import { statusDefinition } from '../../../server/domain/statuses.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { searchParcels } from '../state/parcel-search.ts';

const RESULTS_SHOWN = 8;

/**
 * 查找户: type a holder's name or a parcel code, pick a household, and the map flies to it. Searches the summaries
 * already loaded, so it answers at every keystroke even on a weak field connection.
 */
export function ParcelSearch({
  parcels,
  villageNames,
  preferredVillages,
  onSelect,
}: {
  parcels: readonly ParcelSummary[];
  villageNames: ReadonlyMap<string, { zh: string; en: string }>;
  preferredVillages: readonly string[];
  onSelect(parcelId: number): void;
}) {
  const { t, label, formats } = useLanguage();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const deferredQuery = useDeferredValue(query);
  const rootRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const results = useMemo(
    () => searchParcels(parcels, deferredQuery, { villageNames, preferredVillages, limit: RESULTS_SHOWN }),
    [parcels, deferredQuery, villageNames, preferredVillages],
  );

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const choose = (parcel: ParcelSummary) => {
    setOpen(false);
    onSelect(parcel.id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((index) => Math.min(index + 1, results.parcels.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      const parcel = results.parcels[active] ?? results.parcels[0];
      if (parcel) {
        event.preventDefault();
        choose(parcel);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };
  const showList = open && query.trim().length > 0;

  return (
    <div className="parcel-search" ref={rootRef} data-testid="search">
      <div className="parcel-search__box">
        <span className="parcel-search__icon" aria-hidden="true" />
        <input
          type="search"
          className="parcel-search__input"
          value={query}
          placeholder={t('searchPlaceholder')}
          aria-label={t('searchLabel')}
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          autoComplete="off"
          enterKeyHint="search"
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={onKeyDown}
          data-testid="search-input"
        />
        {query && (
          <button
            type="button"
            className="parcel-search__clear"
            aria-label={t('searchClear')}
            onClick={() => {
              setQuery('');
              setOpen(false);
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        )}
      </div>
      {showList && (
        <div className="parcel-search__results" id={listId} data-testid="search-results">
          {results.total === 0 ? (
            <p className="parcel-search__empty">{t('searchNoResults')}</p>
          ) : (
            <ul>
              {results.parcels.map((parcel, index) => {
                const village = villageNames.get(parcel.village);
                const signing = statusDefinition('signing', parcel.signing);
                const clearance = statusDefinition('clearance', parcel.clearance);
                return (
                  <li key={parcel.id}>
                    <button
                      type="button"
                      className="search-result"
                      data-active={index === active}
                      data-testid={`search-result-${parcel.id}`}
                      onClick={() => choose(parcel)}
                    >
                      <span className="search-result__holder">{parcel.holder}</span>
                      <span className="search-result__place">
                        {village ? label(village) : parcel.village} · {parcel.group}
                      </span>
                      <span className="search-result__code mono">{parcel.code}</span>
                      <span className="search-result__statuses">
                        {[signing, clearance].map(
                          (status) =>
                            status && (
                              <span key={status.code} className="search-result__status">
                                <span
                                  className="status-swatch"
                                  style={{ backgroundColor: status.color }}
                                  aria-hidden="true"
                                />
                                {label(status)}
                              </span>
                            ),
                        )}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {results.total > results.parcels.length && (
            <p className="parcel-search__more">
              {t('searchMore', {
                total: formats.integer(results.total),
                shown: formats.integer(results.parcels.length),
              })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
