import { useId, useState } from 'react';
import type { FacetCount } from '../api/client';
import { useI18n } from '../i18n';

/** One facet as a radio group: "all", then each value with its count. Keyboard: arrows within the group. */
export function FacetGroup({ name, legend, values, selected, onSelect, label, limit = 8 }: {
  name: string;
  legend: string;
  values: FacetCount[] | undefined;
  selected: string;
  onSelect: (v: string) => void;
  label: (v: FacetCount) => string;
  limit?: number;
}) {
  const { t, num } = useI18n();
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  let list = (values ?? []).filter((v) => v.value !== '');
  // The chosen value stays visible even when the counts no longer list it.
  if (selected && !list.some((v) => v.value === selected)) list = [{ value: selected, count: 0 }, ...list];
  const shown = expanded ? list : list.slice(0, limit);
  if (list.length === 0 && !selected) return null;
  return (
    <fieldset className="facet" data-testid={`facet-${name}`}>
      <legend>{legend}</legend>
      <ul>
        <li>
          <label className={`facet-opt${selected === '' ? ' on' : ''}`}>
            <input type="radio" name={`${id}-${name}`} checked={selected === ''} onChange={() => onSelect('')} />
            <span className="facet-label">{t('common.all')}</span>
          </label>
        </li>
        {shown.map((v) => (
          <li key={v.value}>
            <label className={`facet-opt${selected === v.value ? ' on' : ''}`}>
              <input type="radio" name={`${id}-${name}`} value={v.value} checked={selected === v.value}
                onChange={() => onSelect(v.value)} />
              <span className="facet-label">{label(v)}</span>
              {v.count > 0 && <span className="facet-count">{num(v.count)}</span>}
            </label>
          </li>
        ))}
      </ul>
      {list.length > limit && (
        <button type="button" className="linklike small" aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
          {expanded ? t('common.showLess') : t('common.showMore', { n: list.length - limit })}
        </button>
      )}
    </fieldset>
  );
}
