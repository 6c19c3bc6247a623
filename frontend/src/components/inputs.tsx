import { useId, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n';
import { useSectors } from '../lib/hooks';

/** A list of short tags: type and press Enter (or a comma) to add; each tag has a remove button. */
export function TagInput({ value, onChange, label, hint, error, max = 40, testId }: {
  value: string[];
  onChange: (v: string[]) => void;
  label: string;
  hint?: string;
  error?: string;
  max?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState('');
  const add = (raw: string) => {
    const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (parts.length === 0) return;
    const next = [...value];
    for (const p of parts) {
      if (next.length >= max) break;
      if (!next.some((x) => x.toLowerCase() === p.toLowerCase())) next.push(p);
    }
    onChange(next);
    setDraft('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add(draft);
    } else if (e.key === 'Backspace' && draft === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };
  const describedBy = [`${id}-hint`, error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field tag-input${error ? ' field-invalid' : ''}`} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      {value.length > 0 && (
        <ul className="tags tags-editable" aria-label={label}>
          {value.map((tag) => (
            <li key={tag} className="tag">
              <span>{tag}</span>
              <button type="button" className="tag-remove" aria-label={t('tags.remove', { tag })}
                onClick={() => onChange(value.filter((x) => x !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="tag-add">
        <input id={id} type="text" value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKey}
          onBlur={() => draft.trim() && add(draft)} aria-invalid={error ? true : undefined}
          aria-describedby={describedBy} disabled={value.length >= max} maxLength={80} />
        <button type="button" className="btn btn-ghost" onClick={() => add(draft)} disabled={!draft.trim()}>
          {t('tags.add')}
        </button>
      </div>
      <p className="hint" id={`${id}-hint`}>
        {hint ?? t('tags.hint')} ({value.length}/{max})
      </p>
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Choose sectors from the taxonomy (checkboxes, at most `max`). */
export function SectorPicker({ value, onChange, legend, error, max = 10, hint, testId }: {
  value: string[];
  onChange: (v: string[]) => void;
  legend: string;
  error?: string;
  max?: number;
  hint?: string;
  testId?: string;
}) {
  const { t, pick } = useI18n();
  const sectors = useSectors();
  const id = useId();
  const full = value.length >= max;
  return (
    <fieldset className={`field sector-picker${error ? ' field-invalid' : ''}`} data-testid={testId ?? 'sector-picker'}
      aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}>
      <legend>{legend}</legend>
      <p className="hint" id={`${id}-hint`}>
        {hint ?? t('sectors.hint', { max })} ({value.length}/{max})
      </p>
      <div className="checks">
        {sectors.map((s) => {
          const on = value.includes(s.id);
          return (
            <label key={s.id} className={`check${on ? ' check-on' : ''}`}>
              <input type="checkbox" checked={on} disabled={!on && full}
                onChange={(e) => onChange(e.target.checked ? [...value, s.id] : value.filter((x) => x !== s.id))} />
              <span>{pick(s.label_vi, s.label_en)}</span>
            </label>
          );
        })}
      </div>
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Checkboxes for a small enum. */
export function CheckGroup<T extends string>({ options, value, onChange, legend, label, error, max }: {
  options: readonly T[];
  value: T[];
  onChange: (v: T[]) => void;
  legend: string;
  label: (v: T) => string;
  error?: string;
  max?: number;
}) {
  const id = useId();
  const full = max !== undefined && value.length >= max;
  return (
    <fieldset className={`field${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${id}-err` : undefined}>
      <legend>{legend}</legend>
      <div className="checks checks-inline">
        {options.map((o) => {
          const on = value.includes(o);
          return (
            <label key={o} className={`check${on ? ' check-on' : ''}`}>
              <input type="checkbox" checked={on} disabled={!on && full}
                onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((x) => x !== o))} />
              <span>{label(o)}</span>
            </label>
          );
        })}
      </div>
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
