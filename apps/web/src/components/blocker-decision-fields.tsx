import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '@/lib/api/schema';

/** What `POST /api/tasks/{id}/blockers/{blockerId}/decide` takes. */
export type BlockerDecisionBody = components['schemas']['DecideBlockerDto'];

/** The form's values for a decision on a blocker. */
export interface BlockerDecisionValues {
  confirm: boolean;
  end: boolean;
  comment: string;
}

/** The fields the API may name in its errors. */
export const BLOCKER_DECISION_FIELDS = ['confirm', 'end', 'comment'] as const;

const COMMENT_MAX = 4_000;

/**
 * The decision of a leader over both units on a blocker, taken once, as fields of the form around
 * it (the task's page and the decisions page share it): an objective cause or not, ended or not
 * (only an open blocker can be ended), and a comment. Its texts are the tasks catalogue's, which
 * both pages load.
 */
export function BlockerDecisionFields({ open }: { open: boolean }) {
  const { t } = useTranslation('tasks');
  const required = (field: string) => t('dialogs.required', { field });
  const confirmLabel = t('dialogs.decideBlocker.confirm');
  const endLabel = t('dialogs.decideBlocker.end');
  const commentLabel = t('dialogs.decideBlocker.comment');
  return (
    <>
      <Form.Item name="confirm" label={confirmLabel} rules={[{ required: true, message: required(confirmLabel) }]}>
        <Radio.Group
          aria-label={confirmLabel}
          options={[
            { value: true, label: t('dialogs.decideBlocker.confirmYes') },
            { value: false, label: t('dialogs.decideBlocker.confirmNo') },
          ]}
        />
      </Form.Item>
      {open && (
        <Form.Item name="end" label={endLabel}>
          <Radio.Group
            aria-label={endLabel}
            options={[
              { value: true, label: t('dialogs.decideBlocker.endYes') },
              { value: false, label: t('dialogs.decideBlocker.endNo') },
            ]}
          />
        </Form.Item>
      )}
      <Form.Item name="comment" label={commentLabel} rules={[{ required: true, whitespace: true, message: required(commentLabel) }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={COMMENT_MAX} showCount />
      </Form.Item>
    </>
  );
}

/** What the decide route is sent: `end` only for an open blocker (a resolved one cannot end twice). */
export function blockerDecisionBody(values: BlockerDecisionValues, open: boolean): BlockerDecisionBody {
  return { confirm: values.confirm, end: open && values.end === true, comment: values.comment.trim() };
}
