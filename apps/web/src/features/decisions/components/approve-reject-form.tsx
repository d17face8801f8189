import { Alert, Button, Checkbox, Flex, Form, Input } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionItem } from '../api/types';
import { MUTED } from '../utils/colours';
import { ProblemAlert, useDecisionSubmit } from './dialog-parts';

interface Fields {
  comment?: string;
  objectiveCause?: boolean;
}

const FIELDS = ['comment'] as const;

/**
 * An escalation level or an extension request: approve, or reject with a reason. An extension
 * whose requested time has passed can only be rejected.
 */
export function ApproveRejectForm({ item, onClose }: { item: DecisionItem & { kind: 'escalation' | 'extension' }; onClose: () => void }) {
  const { t } = useTranslation('decisions');
  const [form] = Form.useForm<Fields>();
  const { submit, problem, busy } = useDecisionSubmit(form, FIELDS, onClose);
  const intent = useRef<'approve' | 'reject'>('approve');
  const approvable = !(item.kind === 'extension' && item.details.newDueAtPassed);

  const decide = async (approve: boolean) => {
    intent.current = approve ? 'approve' : 'reject';
    let fields: Fields;
    try {
      fields = await form.validateFields();
    } catch {
      return;
    }
    const comment = fields.comment?.trim();
    const done = `done.${item.kind}${approve ? 'Approved' : 'Rejected'}` as const;
    const body = { approve, ...(comment ? { comment } : {}) };
    await submit(item.kind === 'extension' ? { item, body: { ...body, ...(approve && fields.objectiveCause ? { objectiveCause: true } : {}) } } : { item, body }, t(done));
  };

  return (
    <>
      <ProblemAlert problem={problem} />
      {!approvable && <Alert type="warning" showIcon title={t('dialog.approvePassed')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="comment"
          label={t('dialog.comment')}
          extra={<span style={{ color: MUTED }}>{t('dialog.commentHelp')}</span>}
          rules={[
            () => ({
              validator: (_, value: string | undefined) =>
                intent.current === 'reject' && !value?.trim() ? Promise.reject(new Error(t('dialog.commentRequired'))) : Promise.resolve(),
            }),
            { max: 4000 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={4000} autoFocus />
        </Form.Item>
        {item.kind === 'extension' && approvable && (
          <Form.Item name="objectiveCause" valuePropName="checked" extra={<span style={{ color: MUTED }}>{t('dialog.objectiveCauseHelp')}</span>}>
            <Checkbox>{t('dialog.objectiveCause')}</Checkbox>
          </Form.Item>
        )}
        <Flex justify="end" gap={8} wrap>
          <Button danger loading={busy && intent.current === 'reject'} disabled={busy} onClick={() => void decide(false)}>
            {t('dialog.reject')}
          </Button>
          {approvable && (
            <Button type="primary" loading={busy && intent.current === 'approve'} disabled={busy} onClick={() => void decide(true)}>
              {t(item.kind === 'extension' ? 'dialog.approveExtension' : 'dialog.approve')}
            </Button>
          )}
        </Flex>
      </Form>
    </>
  );
}
