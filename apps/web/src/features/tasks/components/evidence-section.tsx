import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Typography } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';
import { TASKS_KEY } from '../api/keys';
import { EvidenceForm } from './evidence-form';
import { CRITERIA, isChecking, requiredCriteria, useEvidence, type Criterion, type SubmissionView } from './evidence-model';
import { AfterCareCard, EvidenceStatus } from './evidence-status';

/** What went wrong with a submission, per criterion: its failed checks and the reviewer's reasons. */
function previousProblems(evidence: SubmissionView): Partial<Record<Criterion, string[]>> {
  const problems: Partial<Record<Criterion, string[]>> = {};
  for (const criterion of CRITERIA) {
    const check = evidence.criteria[criterion];
    const reasons = check?.status === 'failed' ? check.reasons.map((r) => r.message) : [];
    const rejection = evidence.rejections?.[criterion];
    if (rejection) reasons.push(rejection);
    if (reasons.length > 0) problems[criterion] = reasons;
  }
  return problems;
}

/**
 * The evidence of a task: the form when the user may submit evidence (`submitEvidence` among the
 * task's actions), then the live verification of each criterion, the review and after-care.
 * After a failure or a rejection, "submit again" reopens the form with the previous values.
 */
export function EvidenceSection({ taskId, actions }: { taskId: string; actions: string[] }) {
  const { t } = useTranslation('evidence');
  const headingId = useId();
  const queryClient = useQueryClient();
  const query = useEvidence(taskId);
  const [editing, setEditing] = useState(false);
  const canSubmit = actions.includes('submitEvidence');
  const live = isChecking(query.data);

  // When the checks settle, the task moves on (awaiting review, or back to the unit): its page
  // and lists read it again, so the actions offered follow.
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) {
      void queryClient.invalidateQueries({ queryKey: TASKS_KEY, predicate: (q) => q.queryKey[1] !== 'evidence' });
    }
    wasLive.current = live;
  }, [live, queryClient]);

  // "Submit again" sits below the status: take the user to the form it opens.
  const formArea = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (editing) formArea.current?.querySelector<HTMLElement>('input:not([type=radio]), textarea')?.focus();
  }, [editing]);

  const heading = (
    <Typography.Title level={2} id={headingId} style={{ fontSize: 20 }}>
      {t('title')}
    </Typography.Title>
  );

  if (query.isPending) {
    return (
      <section aria-labelledby={headingId}>
        {heading}
        <Card loading />
      </section>
    );
  }
  if (query.isError) {
    const error = query.error;
    return (
      <section aria-labelledby={headingId}>
        {heading}
        <Alert type="error" showIcon role="alert" title={t('loadFailed')} description={error instanceof ApiError ? error.problem.message : error.message} />
      </section>
    );
  }

  const view = query.data;
  const evidence = view.evidence;
  const criteria = requiredCriteria(view);
  const showForm = canSubmit && (!evidence || editing);

  return (
    <section aria-labelledby={headingId}>
      {heading}
      {showForm && (
        <div ref={formArea}>
          <EvidenceForm
            taskId={taskId}
            criteria={criteria}
            initial={evidence?.items}
            previous={evidence ? previousProblems(evidence) : undefined}
            onSubmitted={() => setEditing(false)}
            onCancel={evidence ? () => setEditing(false) : undefined}
          />
        </div>
      )}
      {evidence && <EvidenceStatus view={view} evidence={evidence} live={live} onResubmit={canSubmit && !editing && (evidence.status === 'FAILED_VERIFICATION' || evidence.status === 'REJECTED') ? () => setEditing(true) : undefined} />}
      {!evidence && !canSubmit && <Typography.Paragraph>{t('none')}</Typography.Paragraph>}
      {view.afterCare && <AfterCareCard afterCare={view.afterCare} />}
    </section>
  );
}
