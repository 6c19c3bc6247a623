import { api } from '../../api/client';
import { useSectorLabel } from '../../components/cards';
import { ErrorBox, Loading } from '../../components/ui';
import { useI18n, useTitle, type Key } from '../../i18n';
import { useLoad } from '../../lib/hooks';
import { BarChart, Gauge, LineChart, type Series } from './Charts';

const KINDS = ['startup', 'expert', 'innovation_center', 'agency'];

/** The network's figures from /api/v1/admin/stats, as charts. */
export default function Dashboard() {
  const { t, num, date } = useI18n();
  useTitle(t('admin.dashboard'));
  const sectorLabel = useSectorLabel();
  const res = useLoad((signal) => api.GET('/api/v1/admin/stats', { signal }), []);
  if (res.loading && !res.data) return <Loading />;
  if (!res.data) return <ErrorBox error={res.error} />;
  const s = res.data;
  const kindLabel = (k: string) => (KINDS.includes(k) ? t(`kindPlural.${k}` as Key) : k);
  const periods = [...new Set(s.members_over_time.map((p) => p.period))].sort();
  const keys = [...new Set(s.members_over_time.map((p) => p.key))];
  const series: Series[] = keys.map((k) => ({
    key: k,
    label: kindLabel(k),
    values: periods.map((p) => s.members_over_time.filter((x) => x.period === p && x.key === k).reduce((a, x) => a + x.count, 0)),
  }));
  const byDesc = <T extends { count: number }>(xs: T[]) => [...xs].sort((a, b) => b.count - a.count);
  return (
    <section aria-labelledby="dash-title" data-testid="dashboard">
      <h2 id="dash-title">{t('admin.dashboard')}</h2>
      <p className="muted small">{t('stats.generatedAt', { date: date(s.generated_at, true) })}</p>
      <ul className="stat-grid">
        <li className="stat"><span className="stat-num">{num(s.members_by_kind.reduce((a, c) => a + c.count, 0))}</span><span className="stat-label">{t('stats.members')}</span></li>
        <li className="stat"><span className="stat-num">{num(s.interests)}</span><span className="stat-label">{t('stats.interests')}</span></li>
        <li className="stat"><span className="stat-num">{num(s.challenges_with_interest)}</span><span className="stat-label">{t('stats.challengesWithInterest')}</span></li>
        <li className="stat"><span className="stat-num">{num(s.match_notifications)}</span><span className="stat-label">{t('stats.matchNotifications')}</span></li>
      </ul>
      <div className="chart-grid">
        <BarChart title={t('stats.byKind')} testId="chart-kind"
          data={byDesc(s.members_by_kind).map((c) => ({ key: c.key, label: kindLabel(c.key), value: c.count }))} />
        <BarChart title={t('stats.byStatus')} testId="chart-status"
          data={s.challenges_by_status.map((c) => ({ key: c.key, label: t(`cstatus.${c.key}` as Key) || c.key, value: c.count }))} />
        <Gauge title={t('stats.responseRate')} value={s.response_rate} caption={t('stats.responseRateHint')} testId="chart-response" />
        <LineChart title={t('stats.overTime')} periods={periods} series={series} testId="chart-time" />
        <BarChart title={t('stats.bySector')} testId="chart-sector"
          data={byDesc(s.members_by_sector).map((c) => ({ key: c.key, label: sectorLabel(c.key), value: c.count }))} />
        <BarChart title={t('stats.byWard')} testId="chart-ward"
          data={byDesc(s.members_by_ward).map((c) => ({ key: c.key, label: c.label || c.key || t('stats.unknown'), value: c.count }))} max={15} />
      </div>
    </section>
  );
}
