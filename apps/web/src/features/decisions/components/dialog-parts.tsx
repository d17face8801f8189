import { Alert, App, Descriptions, Grid, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, idempotencyKey } from '@/lib/api-client';
import { showApiErrors } from '@/lib/form-errors';
import { formatDateTime } from '@/lib/format';
import { useDecide, type Decide } from '../api/use-decide';
import type { DecisionItem } from '../api/types';
import { COLOURS, MUTED } from '../utils/colours';
import { unitName } from '../utils/names';
import { DetailCell, When } from './decision-cells';

/** What the item is about, at the top of its dialog. */
export function ItemSummary({ item }: { item: DecisionItem }) {
  const { t, i18n } = useTranslation('decisions');
  const extended = item.task.originalDueAt !== item.task.dueAt;
  const screens = Grid.useBreakpoint();
  return (
    <Descriptions
      size="small"
      column={1}
      layout={screens.sm ? 'horizontal' : 'vertical'}
      bordered
      styles={{ label: { color: MUTED } }}
      style={{ marginBottom: 16 }}
      items={[
        {
          key: 'task',
          label: t('dialog.task'),
          children: (
            <Link to={`/tasks/${item.task.id}`} style={{ color: COLOURS.blue }}>
              {item.task.code} — {item.task.title}
            </Link>
          ),
        },
        { key: 'leadUnit', label: t('dialog.leadUnit'), children: unitName(item.task.leadUnit, i18n.language) },
        {
          key: 'requested',
          label: t(item.kind === 'blocker' ? 'dialog.declared' : 'dialog.requested'),
          children: (
            <>
              {item.requestedBy ? item.requestedBy.name : t('system')} · <When value={item.requestedAt} />
            </>
          ),
        },
        { key: 'dueAt', label: t('dialog.dueAt'), children: formatDateTime(item.task.dueAt) },
        ...(extended ? [{ key: 'originalDueAt', label: t('dialog.originalDueAt'), children: formatDateTime(item.task.originalDueAt) }] : []),
        ...(item.kind === 'evidenceReview' ? [] : [{ key: 'detail', label: t('columns.detail'), children: <DetailCell item={item} /> }]),
      ]}
    />
  );
}

export interface Problem {
  message: string;
  requestId?: string;
}

/** The API's refusal (a 409's message is already in the reader's language), shown in the dialog. */
export function ProblemAlert({ problem }: { problem: Problem | null }) {
  const { t } = useTranslation('decisions');
  if (!problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problem.message}
      description={problem.requestId ? t('dialog.requestId', { requestId: problem.requestId }) : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

type DecideWithoutKey = Decide extends infer D ? (D extends Decide ? Omit<D, 'idempotencyKey'> : never) : never;

/**
 * Sends this dialog's decision: one Idempotency-Key per opening of the dialog (a retry after an
 * error reuses it). Field errors go next to their fields, anything else above the form; on
 * success the dialog closes with a message.
 */
export function useDecisionSubmit(form: FormInstance, fieldNames: readonly string[], onClose: () => void) {
  const [key] = useState(idempotencyKey);
  const [problem, setProblem] = useState<Problem | null>(null);
  const decide = useDecide();
  const { message } = App.useApp();

  const submit = async (decision: DecideWithoutKey, done: string) => {
    setProblem(null);
    try {
      await decide.mutateAsync({ ...decision, idempotencyKey: key });
      void message.success(done);
      onClose();
    } catch (error) {
      const text = showApiErrors(form, error, fieldNames);
      setProblem(text === null ? null : { message: text, requestId: error instanceof ApiError && error.status >= 500 ? error.problem.requestId : undefined });
    }
  };
  return { submit, problem, busy: decide.isPending };
}
