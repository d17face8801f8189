import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskAction, TaskDetail } from '../api/types';
import type { DialogAction } from '../api/use-task-action';

/**
 * The actions with a button on the task's page, in this order; decisions are taken on the decisions
 * page, and a blocker is resolved or decided on from its row (BlockerSection).
 */
const BUTTONS = [
  'acknowledge',
  'progress',
  'submitEvidence',
  'requestExtension',
  'answerExplanation',
  'raiseBeyondAuthority',
  'declareBlocker',
  'requestExplanation',
  'closeAfterCare',
  'cancel',
] as const satisfies readonly TaskAction[];

/** A button for each action the user may take on the task now, and only those. */
export function TaskActions({ task, onAction, onEvidence }: { task: TaskDetail; onAction: (action: DialogAction) => void; onEvidence: () => void }) {
  const { t } = useTranslation('tasks');
  const shown = BUTTONS.filter((action) => task.actions.includes(action));
  if (shown.length === 0) return null;
  return (
    <Flex wrap gap={8} role="group" aria-label={t('actions.label')}>
      {shown.map((action, index) => (
        <Button
          key={action}
          type={index === 0 ? 'primary' : 'default'}
          danger={action === 'cancel'}
          onClick={() => (action === 'submitEvidence' ? onEvidence() : onAction(action))}
        >
          {t(`actions.${action}`)}
        </Button>
      ))}
    </Flex>
  );
}
