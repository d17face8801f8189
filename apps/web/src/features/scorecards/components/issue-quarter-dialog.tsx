import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIssueQuarter } from '../api/use-scorecard-actions';
import { useQuarterLabel } from './scorecard-tags';
import { FormDialog } from './form-dialog';

interface Fields {
  reason?: string;
}

/** Administrators: publish the quarter now, or correct every scorecard of it that changed (with a reason). */
export function IssueQuarterDialog({ quarter, open, onClose, onStarted }: { quarter: string; open: boolean; onClose: () => void; onStarted: () => void }) {
  const { t } = useTranslation('scorecards');
  const { message } = App.useApp();
  const quarterLabel = useQuarterLabel();
  const issue = useIssueQuarter();
  return (
    <FormDialog<Fields>
      title={t('issue.title', { quarter: quarterLabel(quarter) })}
      okText={t('issue.submit')}
      open={open}
      onClose={onClose}
      fieldNames={['reason']}
      pending={issue.isPending}
      send={async ({ reason }) => {
        await issue.mutateAsync({ quarter, ...(reason?.trim() ? { reason: reason.trim() } : {}) });
        void message.success(t('issue.started', { quarter: quarterLabel(quarter) }));
        onStarted();
      }}
    >
      <Typography.Paragraph>{t('issue.text')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('issue.reason')} extra={t('issue.reasonHelp')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}
