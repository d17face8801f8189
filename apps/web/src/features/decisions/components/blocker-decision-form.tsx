import { Alert, Button, Flex, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BLOCKER_DECISION_FIELDS, BlockerDecisionFields, blockerDecisionBody, type BlockerDecisionValues } from '@/components/blocker-decision-fields';
import type { DecisionItem } from '../api/types';
import { ProblemAlert, useDecisionSubmit } from './dialog-parts';

/**
 * A blocker no leader over both units has decided on: an objective cause or not, with a comment,
 * and (while it is open) whether it ends now — the task page's decision, on the decide route.
 */
export function BlockerDecisionForm({ item, onClose }: { item: DecisionItem & { kind: 'blocker' }; onClose: () => void }) {
  const { t } = useTranslation('decisions');
  const [form] = Form.useForm<BlockerDecisionValues>();
  const { submit, problem, busy } = useDecisionSubmit(form, BLOCKER_DECISION_FIELDS, onClose);
  const open = item.details.status === 'OPEN';
  return (
    <>
      <ProblemAlert problem={problem} />
      <Typography.Paragraph>{t('blocker.intro')}</Typography.Paragraph>
      {!open && <Alert type="info" showIcon title={t('blocker.resolvedNote')} style={{ marginBottom: 16 }} />}
      <Form<BlockerDecisionValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ end: false }}
        onFinish={(values) => void submit({ item, body: blockerDecisionBody(values, open) }, t('done.blocker'))}
      >
        <BlockerDecisionFields open={open} />
        <Flex justify="end" gap={8} wrap>
          <Button onClick={onClose} disabled={busy}>
            {t('common:actions.close')}
          </Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('blocker.submit')}
          </Button>
        </Flex>
      </Form>
    </>
  );
}
