import { Alert, Card, Descriptions, Flex, Grid, Progress, Table, Tag, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import type { MilestoneView, PersonRef, TaskDetail, TemplateRef } from '../api/types';
import { DarkTag, isOpenStatus, KeyTag, RiskTag, StatusTag, TAG_COLOURS, TimeLeftText, useUnitName } from './task-tags';

const person = (who: PersonRef | null) => (who ? `${who.name} (${who.email})` : '—');

/** What the task is: its units and people, template, due times, state, progress and milestones. */
export function TaskOverview({ task }: { task: TaskDetail }) {
  const { t } = useTranslation('tasks');
  const unitName = useUnitName();
  const phone = Grid.useBreakpoint().md === false;
  const open = isOpenStatus(task.status);
  const template = task.template as unknown as TemplateRef;
  const milestones = task.milestones as unknown as MilestoneView[];
  const progress = task.progress as unknown as { percent: number; note: string; at: string } | null;

  const items: DescriptionsProps['items'] = [
    { key: 'code', label: t('fields.code'), children: task.code },
    { key: 'program', label: t('fields.program'), children: task.program ?? '—' },
    { key: 'leadUnit', label: t('fields.leadUnit'), children: unitName(task.leadUnit) },
    {
      key: 'coordinatingUnits',
      label: t('fields.coordinatingUnits'),
      children: task.coordinatingUnits.length ? (
        <Flex wrap gap={4}>
          {task.coordinatingUnits.map((unit) => (
            <Tag key={unit.id}>{unitName(unit)}</Tag>
          ))}
        </Flex>
      ) : (
        '—'
      ),
    },
    { key: 'focalOfficer', label: t('fields.focalOfficer'), children: person(task.focalOfficer) },
    { key: 'assignedBy', label: t('fields.assignedBy'), children: person(task.assignedBy) },
    { key: 'assignedAt', label: t('fields.assignedAt'), children: formatDateTime(task.assignedAt) },
    { key: 'acknowledgedAt', label: t('fields.acknowledgedAt'), children: task.acknowledgedAt ? formatDateTime(task.acknowledgedAt) : t('fields.notAcknowledged') },
    { key: 'template', label: t('fields.template'), children: t('fields.templateValue', { key: template.key, version: template.version }) },
    { key: 'originalDueAt', label: t('fields.originalDueAt'), children: formatDateTime(task.originalDueAt) },
    {
      key: 'dueAt',
      label: t('fields.currentDueAt'),
      children: (
        <span>
          {formatDateTime(task.dueAt)} {open && <TimeLeftText dueAt={task.dueAt} workingDaysLeft={task.workingDaysLeft} />}
        </span>
      ),
    },
    { key: 'status', label: t('fields.status'), children: <StatusTag status={task.status} /> },
    {
      key: 'risk',
      label: t('fields.risk'),
      children: (
        <Flex wrap gap={4}>
          {task.risk ? <RiskTag risk={task.risk} /> : '—'}
          {task.key && <KeyTag />}
          {task.escalationLevel > 0 && <DarkTag colour={TAG_COLOURS.red}>{t('fields.escalationLevel', { level: task.escalationLevel })}</DarkTag>}
        </Flex>
      ),
    },
    { key: 'reviewers', label: t('fields.reviewers'), children: task.reviewers.length ? task.reviewers.map((r) => r.name).join(', ') : '—' },
    ...(task.completedAt
      ? [
          {
            key: 'completedAt',
            label: t('fields.completedAt'),
            children: (
              <span>
                {formatDateTime(task.completedAt)}{' '}
                {task.completedOnTimeOriginal !== null && (
                  <DarkTag colour={task.completedOnTimeOriginal ? TAG_COLOURS.green : TAG_COLOURS.orange}>{t(task.completedOnTimeOriginal ? 'fields.onTimeOriginal' : 'fields.lateOriginal')}</DarkTag>
                )}
                {task.completedOnTimeOriginal === false && task.completedOnTimeExtended !== null && (
                  <DarkTag colour={task.completedOnTimeExtended ? TAG_COLOURS.green : TAG_COLOURS.red}>{t(task.completedOnTimeExtended ? 'fields.onTimeExtended' : 'fields.lateExtended')}</DarkTag>
                )}
              </span>
            ),
          },
        ]
      : []),
    ...(task.cancelledAt
      ? [{ key: 'cancelledAt', label: t('fields.cancelledAt'), children: `${formatDateTime(task.cancelledAt)} — ${task.cancelReason ?? ''}` }]
      : []),
    ...(task.afterCareUntil ? [{ key: 'afterCareUntil', label: t('fields.afterCareUntil'), children: formatDateTime(task.afterCareUntil) }] : []),
  ];

  return (
    <Flex vertical gap={16}>
      {task.regressed && <Alert type="warning" showIcon title={t('fields.regressed')} />}
      {task.description && (
        <Card size="small" title={t('fields.description')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{task.description}</Typography.Paragraph>
        </Card>
      )}
      <Descriptions bordered={!phone} layout={phone ? 'vertical' : 'horizontal'} size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} />
      <Card size="small" title={t('fields.progress')}>
        {progress || task.progressPercent !== null ? (
          <>
            <Progress percent={task.progressPercent ?? progress?.percent ?? 0} aria-label={t('fields.progress')} />
            {progress && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>
                {progress.note}
                <br />
                <Typography.Text type="secondary">{t('fields.progressAt', { at: formatDateTime(progress.at) })}</Typography.Text>
              </Typography.Paragraph>
            )}
          </>
        ) : (
          <Typography.Text type="secondary">{t('fields.noProgress')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('fields.milestones')}>
        {milestones.length ? (
          <Table<MilestoneView>
            size="small"
            rowKey={(m) => `${m.dueAt}-${m.title}`}
            pagination={false}
            dataSource={milestones}
            columns={[
              { key: 'title', title: t('fields.milestoneTitle'), dataIndex: 'title' },
              {
                key: 'dueAt',
                title: t('fields.dueAt'),
                render: (_, milestone) => (
                  <span>
                    {formatDateTime(milestone.dueAt)} {open && Date.parse(milestone.dueAt) > Date.now() && <TimeLeftText dueAt={milestone.dueAt} />}
                  </span>
                ),
              },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('fields.noMilestones')}</Typography.Text>
        )}
      </Card>
    </Flex>
  );
}
