// Small hand-written SVG charts for the admin dashboard. Colours come from CSS classes (the CSP forbids inline
// styles); every chart has a text alternative (a visually hidden table).
import { useI18n } from '../../i18n';

export interface Datum {
  key: string;
  label: string;
  value: number;
}

function DataTable({ caption, rows, valueLabel }: { caption: string; rows: { label: string; value: string }[]; valueLabel: string }) {
  const { t } = useI18n();
  return (
    <table className="visually-hidden">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('stats.item')}</th>
          <th scope="col">{valueLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td>{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Horizontal bars, longest first as given. */
export function BarChart({ title, data, max: maxRows = 12, testId }: { title: string; data: Datum[]; max?: number; testId?: string }) {
  const { t, num } = useI18n();
  const rows = data.slice(0, maxRows);
  const top = Math.max(1, ...rows.map((d) => d.value));
  const rowH = 30;
  const labelW = 200;
  const barW = 250;
  const width = labelW + barW + 50;
  const height = rows.length * rowH + 8;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="muted">{t('stats.noData')}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${width} ${height}`} className="chart-svg" role="img" aria-label={title} preserveAspectRatio="xMinYMin meet">
            {rows.map((d, i) => {
              const w = Math.max(2, (d.value / top) * barW);
              const y = i * rowH + 4;
              return (
                <g key={d.key} className={`bar series-${i % 8}`}>
                  <text x={labelW - 8} y={y + rowH / 2} className="chart-label" textAnchor="end" dominantBaseline="middle">
                    {d.label.length > 26 ? d.label.slice(0, 25) + '…' : d.label}
                  </text>
                  <rect x={labelW} y={y + 4} width={w} height={rowH - 10} rx={3} className="bar-rect" />
                  <text x={labelW + w + 6} y={y + rowH / 2} className="chart-value" dominantBaseline="middle">
                    {num(d.value)}
                  </text>
                </g>
              );
            })}
          </svg>
          {data.length > maxRows && <p className="muted small">{t('stats.more', { n: data.length - maxRows })}</p>}
          <DataTable caption={title} valueLabel={t('stats.count')} rows={data.map((d) => ({ label: d.label, value: num(d.value) }))} />
        </>
      )}
    </figure>
  );
}

export interface Series {
  key: string;
  label: string;
  values: number[];
}

/** Lines over periods (months), one per series, with a legend. */
export function LineChart({ title, periods, series, testId }: { title: string; periods: string[]; series: Series[]; testId?: string }) {
  const { t, num } = useI18n();
  const width = 520;
  const height = 260;
  const pad = { l: 40, r: 16, t: 12, b: 36 };
  const top = Math.max(1, ...series.flatMap((s) => s.values));
  const niceTop = Math.ceil(top / 4) * 4 || 4;
  const x = (i: number) => pad.l + (periods.length <= 1 ? (width - pad.l - pad.r) / 2 : (i * (width - pad.l - pad.r)) / (periods.length - 1));
  const y = (v: number) => height - pad.b - (v / niceTop) * (height - pad.t - pad.b);
  const ticks = [0, niceTop / 2, niceTop].map((v) => Math.round(v));
  const labelEvery = Math.max(1, Math.ceil(periods.length / 6));
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {periods.length === 0 ? (
        <p className="muted">{t('stats.noData')}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${width} ${height}`} className="chart-svg" role="img" aria-label={title}>
            {ticks.map((v) => (
              <g key={v}>
                <line x1={pad.l} x2={width - pad.r} y1={y(v)} y2={y(v)} className="grid-line" />
                <text x={pad.l - 6} y={y(v)} className="chart-label" textAnchor="end" dominantBaseline="middle">{num(v)}</text>
              </g>
            ))}
            {periods.map((p, i) =>
              (i % labelEvery === 0 && periods.length - 1 - i >= labelEvery) || i === periods.length - 1 ? (
                <text key={p} x={x(i)} y={height - pad.b + 18} className="chart-label"
                  textAnchor={i === 0 ? 'start' : i === periods.length - 1 ? 'end' : 'middle'}>{p}</text>
              ) : null,
            )}
            {series.map((s, si) => (
              <g key={s.key} className={`line series-${si % 8}`}>
                <polyline points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} className="line-path" />
                {s.values.map((v, i) => (
                  <circle key={i} cx={x(i)} cy={y(v)} r={3} className="line-dot" />
                ))}
              </g>
            ))}
          </svg>
          <ul className="legend">
            {series.map((s, si) => (
              <li key={s.key} className={`series-${si % 8}`}>
                <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><rect width="10" height="10" rx="2" className="legend-swatch" /></svg>
                {s.label}
              </li>
            ))}
          </ul>
          <table className="visually-hidden">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stats.period')}</th>
                {series.map((s) => <th key={s.key} scope="col">{s.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {periods.map((p, i) => (
                <tr key={p}>
                  <th scope="row">{p}</th>
                  {series.map((s) => <td key={s.key}>{num(s.values[i] ?? 0)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}

/** A share (0..1) as a half-ring gauge. */
export function Gauge({ title, value, caption, testId }: { title: string; value: number; caption?: string; testId?: string }) {
  const v = Math.min(1, Math.max(0, value || 0));
  const r = 80;
  const cx = 100;
  const cy = 100;
  const angle = Math.PI * (1 - v);
  const ex = cx + r * Math.cos(angle);
  const ey = cy - r * Math.sin(angle);
  const pct = Math.round(v * 100);
  return (
    <figure className="chart gauge" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox="0 0 200 120" className="gauge-svg" role="img" aria-label={`${title}: ${pct}%`}>
        <path d={`M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${cx + r} ${cy}`} className="gauge-track" />
        {v > 0 && <path d={`M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${ex.toFixed(2)} ${ey.toFixed(2)}`} className="gauge-value" />}
        <text x={cx} y={cy - 8} textAnchor="middle" className="gauge-text">{pct}%</text>
      </svg>
      {caption && <p className="muted small">{caption}</p>}
    </figure>
  );
}
