'use client';

import { AreaChart } from '@mantine/charts';
import { useI18n } from '../i18n/i18n-provider';

export interface ActivityDay {
  date: string;
  signups: number;
  signins: number;
}

/** Sign-ups and sign-ins per day over the last 30 days. */
export function ActivityChart({ days }: { days: ActivityDay[] }) {
  const { language, t } = useI18n();
  const label = new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const data = days.map((day) => ({
    day: label.format(new Date(`${day.date}T00:00:00Z`)),
    [t('dashboard.signins')]: day.signins,
    [t('dashboard.signups')]: day.signups,
  }));
  return (
    <AreaChart
      h={280}
      data={data}
      dataKey="day"
      series={[
        { name: t('dashboard.signins'), color: 'indigo.6' },
        { name: t('dashboard.signups'), color: 'teal.6' },
      ]}
      curveType="monotone"
      withLegend
      legendProps={{ verticalAlign: 'bottom', height: 40 }}
      tickLine="y"
      gridAxis="x"
      withDots={false}
      yAxisProps={{ allowDecimals: false, width: 40 }}
      xAxisProps={{ minTickGap: 24 }}
      fillOpacity={0.25}
      aria-label={t('dashboard.activity')}
    />
  );
}
