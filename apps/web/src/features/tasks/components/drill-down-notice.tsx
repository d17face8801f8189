import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '@/lib/format';
import type { DrillDown } from '../utils/list-params';

/**
 * Says that the list holds a statistic's tasks (a figure of the overview): which state, against
 * which due time, at which cut-off and in which period; one button lists every task again.
 */
export function DrillDownNotice({ drill, total, onClear }: { drill: DrillDown; total?: number; onClear: () => void }) {
  const { t } = useTranslation('tasks');
  const parts = [
    drill.state ? t(`drillDown.state.${drill.state}`) : t('drillDown.allCounted'),
    drill.state && drill.state !== 'CANCELLED' ? t(`drillDown.against.${drill.against ?? 'current'}`) : undefined,
    drill.asOf ? t('drillDown.asOf', { time: formatDateTime(drill.asOf) }) : undefined,
    drill.from || drill.to ? t(`drillDown.period.${drill.basis ?? 'assigned'}`, { from: formatDate(drill.from), to: drill.to ? formatDate(new Date(new Date(drill.to).getTime() - 1)) : '…' }) : undefined,
  ].filter(Boolean);
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('drillDown.title')}
      description={
        <>
          {parts.join(' · ')}
          {total !== undefined && ` — ${t('list.total', { count: total })}`}
        </>
      }
      action={
        <Button size="small" onClick={onClear}>
          {t('drillDown.clear')}
        </Button>
      }
    />
  );
}
