import { Button, Flex, Grid, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DecisionItem } from '../api/types';
import { ApproveRejectForm } from './approve-reject-form';
import { BeyondAuthorityForm } from './beyond-authority-form';
import { BlockerDecisionForm } from './blocker-decision-form';
import { ItemSummary } from './dialog-parts';
import { EvidenceReviewForm } from './evidence-review-form';

/** An unanswered explanation is not decided here: who must answer, since when, and the task. */
function ExplanationView({ item, onClose }: { item: DecisionItem & { kind: 'explanation' }; onClose: () => void }) {
  const { t } = useTranslation('decisions');
  const navigate = useNavigate();
  return (
    <>
      <Typography.Paragraph>{t('explanation.intro')}</Typography.Paragraph>
      <Flex justify="end" gap={8}>
        <Button onClick={onClose}>{t('common:actions.close')}</Button>
        <Button type="primary" onClick={() => void navigate(`/tasks/${item.task.id}`)}>
          {t('actions.openTask')}
        </Button>
      </Flex>
    </>
  );
}

function Body({ item, onClose }: { item: DecisionItem; onClose: () => void }) {
  switch (item.kind) {
    case 'escalation':
    case 'extension':
      return <ApproveRejectForm item={item} onClose={onClose} />;
    case 'beyondAuthority':
      return <BeyondAuthorityForm item={item} onClose={onClose} />;
    case 'evidenceReview':
      return <EvidenceReviewForm item={item} onClose={onClose} />;
    case 'explanation':
      return <ExplanationView item={item} onClose={onClose} />;
    case 'blocker':
      return <BlockerDecisionForm item={item} onClose={onClose} />;
  }
}

/**
 * The dialog of one item. It is mounted for each opening (and so takes a fresh Idempotency-Key
 * each time); it stays open on an error and closes on success.
 */
export function DecisionDialog({ item, onClose }: { item: DecisionItem; onClose: () => void }) {
  const { t } = useTranslation('decisions');
  const screens = Grid.useBreakpoint();
  const title = item.kind === 'escalation' ? t('dialog.escalation', { level: item.details.level }) : t(`dialog.${item.kind}`);
  const wide = item.kind === 'evidenceReview';
  return (
    <Modal
      open
      title={`${title} · ${item.task.code}`}
      onCancel={onClose}
      footer={null}
      width={screens.md ? (wide ? 1040 : 640) : '100%'}
      style={screens.md ? undefined : { top: 8, maxWidth: 'calc(100vw - 16px)' }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ItemSummary item={item} />
      <Body item={item} onClose={onClose} />
    </Modal>
  );
}
