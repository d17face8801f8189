import { App, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Scorecard } from '../api/types';
import { useCorrectScorecard } from '../api/use-scorecard-actions';
import { useFormulas } from '../api/use-scorecards';
import { FormDialog } from './form-dialog';

interface Fields {
  reason: string;
  formulaVersion?: number;
}

/** Administrators: recompute the scorecard (with its formula or another version) as a new version with a reason; then show it. */
export function CorrectionDialog({ card, open, onClose }: { card: Scorecard; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('scorecards');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const correct = useCorrectScorecard(card.id);
  const formulas = useFormulas(open);
  const options = [
    { value: 0, label: t('correct.formulaSame', { version: card.formulaVersion }) },
    ...(formulas.data ?? [])
      .filter((formula) => formula.version !== card.formulaVersion)
      .map((formula) => ({ value: formula.version, label: t('correct.formulaOption', { version: formula.version, note: formula.note ? ` — ${formula.note}` : '' }) })),
  ];
  return (
    <FormDialog<Fields>
      title={t('correct.title')}
      okText={t('correct.submit')}
      open={open}
      onClose={onClose}
      fieldNames={['reason', 'formulaVersion']}
      pending={correct.isPending}
      initialValues={{ formulaVersion: 0 }}
      send={async ({ reason, formulaVersion }) => {
        const corrected = await correct.mutateAsync({ reason: reason.trim(), ...(formulaVersion ? { formulaVersion } : {}) });
        void message.success(t('correct.done', { version: corrected.version }));
        void navigate(`/scorecards/${corrected.id}`);
      }}
    >
      <Typography.Paragraph>{t('correct.text')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('correct.reason')} rules={[{ required: true, whitespace: true, message: t('general.required', { field: t('correct.reason').toLowerCase() }) }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Form.Item name="formulaVersion" label={t('correct.formulaVersion')}>
        <Select options={options} loading={formulas.isFetching} />
      </Form.Item>
    </FormDialog>
  );
}
