import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  SafetyCertificateOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Grid, Spin, Steps, Table, Tag, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber, inVietnam } from '@/lib/format';
import {
  CRITERIA,
  CRITERION_FIELD,
  type AfterCareView,
  type CheckView,
  type Criterion,
  type CriterionStatus,
  type CriterionView,
  type EvidenceDto,
  type EvidenceViewModel,
  type SubmissionView,
} from './evidence-model';

type ReviewState = 'verifying' | 'awaiting' | 'approved' | 'rejected' | 'failed';

function reviewState(evidence: SubmissionView): ReviewState {
  switch (evidence.status) {
    case 'ACCEPTED':
      return 'approved';
    case 'REJECTED':
      return 'rejected';
    case 'FAILED_VERIFICATION':
      return 'failed';
    default:
      return evidence.verifiedAt === null ? 'verifying' : 'awaiting';
  }
}

const REVIEW_ALERT = { verifying: 'info', awaiting: 'info', approved: 'success', rejected: 'error', failed: 'error' } as const;

/**
 * Status colours dark enough for small text on white (WCAG AA 4.5:1; antd's preset status tags
 * are not), always with an icon and a word, never colour alone.
 */
export const STATUS_COLOURS = { neutral: '#434343', info: '#0958d9', success: '#237804', error: '#a8071a', warning: '#ad4e00' } as const;

const STATUS_TAG: Record<CriterionStatus, { color: string; icon: ReactNode }> = {
  pending: { color: STATUS_COLOURS.neutral, icon: <ClockCircleOutlined /> },
  verifying: { color: STATUS_COLOURS.info, icon: <SyncOutlined spin /> },
  verified: { color: STATUS_COLOURS.success, icon: <CheckCircleOutlined /> },
  failed: { color: STATUS_COLOURS.error, icon: <CloseCircleOutlined /> },
  attested: { color: STATUS_COLOURS.warning, icon: <SafetyCertificateOutlined /> },
};

/** A criterion's status in words, with an icon: never colour alone. */
export function CriterionStatusTag({ status }: { status: CriterionStatus }) {
  const { t } = useTranslation('evidence');
  const look = STATUS_TAG[status] ?? STATUS_TAG.pending;
  return (
    <Tag color={look.color} variant="outlined" icon={look.icon} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
      {t(`status.criterion.${status}`)}
    </Tag>
  );
}

const withSeconds = (value: string) => inVietnam(value).format('DD/MM/YYYY HH:mm:ss');

export interface EvidenceStatusProps {
  view: EvidenceViewModel;
  evidence: SubmissionView;
  /** Checks are running: the status refreshes itself. */
  live: boolean;
  /** Shown after a failure or a rejection, when the user may submit again. */
  onResubmit?: () => void;
}

/** The live verification of the latest submission: each criterion, every check made, the review. */
export function EvidenceStatus({ view, evidence, live, onResubmit }: EvidenceStatusProps) {
  const { t } = useTranslation('evidence');
  const state = reviewState(evidence);
  const claimed = CRITERIA.filter((c) => view.required.includes(c) || evidence.criteria[c]);
  const summary: DescriptionsProps['items'] = [
    { key: 'submittedAt', label: t('status.submittedAt'), children: formatDateTime(evidence.submittedAt) },
    { key: 'verifiedAt', label: t('status.verifiedAt'), children: formatDateTime(evidence.verifiedAt) },
    ...(evidence.reviewedAt ? [{ key: 'reviewedAt', label: t('status.reviewedAt'), children: formatDateTime(evidence.reviewedAt) }] : []),
  ];

  return (
    <Card title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('status.title')}</Typography.Title>} size="small" style={{ marginBottom: 16 }}>
      <Alert
        type={REVIEW_ALERT[state]}
        showIcon
        style={{ marginBottom: 16 }}
        title={
          <span>
            {t('status.review')}: <strong>{t(`status.reviewState.${state}`)}</strong>
          </span>
        }
        description={evidence.comment ? `${t('status.reviewerComment')}: ${evidence.comment}` : undefined}
      />
      {live && (
        <Flex gap={8} align="center" style={{ marginBottom: 16 }} role="status" aria-live="polite">
          <Spin size="small" />
          <Typography.Text>{t('status.live')}</Typography.Text>
        </Flex>
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} items={summary} style={{ marginBottom: 16 }} />
      {claimed.map((criterion) => (
        <CriterionCard key={criterion} criterion={criterion} check={evidence.criteria[criterion]} items={evidence.items} rejection={evidence.rejections?.[criterion]} />
      ))}
      {onResubmit && (
        <Button type="primary" onClick={onResubmit}>
          {t('status.resubmit')}
        </Button>
      )}
    </Card>
  );
}

function CriterionCard({ criterion, check, items, rejection }: { criterion: Criterion; check: CriterionView | undefined; items: EvidenceDto; rejection?: string }) {
  const { t } = useTranslation('evidence');
  const screens = Grid.useBreakpoint();
  const status: CriterionStatus = check?.status ?? 'pending';
  const current = status === 'pending' ? 0 : status === 'verifying' ? 1 : 2;
  const label = t(`criteria.${criterion}`);
  return (
    <Card
      type="inner"
      size="small"
      style={{ marginBottom: 16 }}
      styles={{ title: { whiteSpace: 'normal', overflow: 'visible', paddingBlock: 8 } }}
      title={
        <Flex wrap gap={8} align="center">
          <Typography.Title level={4} style={{ fontSize: 15, margin: 0 }}>
            {label}
          </Typography.Title>
          <CriterionStatusTag status={status} />
        </Flex>
      }
      aria-label={`${label}: ${t(`status.criterion.${status}`)}`}
    >
      <Steps
        size="small"
        orientation={screens.md ? 'horizontal' : 'vertical'}
        current={current}
        status={status === 'failed' ? 'error' : current === 2 ? 'finish' : 'process'}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('status.steps.pending') },
          { title: t('status.steps.verifying') },
          { title: current === 2 ? t(`status.criterion.${status}`) : t('status.steps.result') },
        ]}
      />
      {check?.probes && <Typography.Paragraph>{t('status.probes', check.probes)}</Typography.Paragraph>}
      {check?.value !== null && check?.value !== undefined && (
        <Typography.Paragraph>
          {t('status.value')}: <strong>{formatNumber(check.value, 2)}</strong>
          {status === 'attested' && <> · {t('status.criterion.attested')}</>}
        </Typography.Paragraph>
      )}
      {check && check.reasons.length > 0 && (
        <Alert type={status === 'failed' ? 'error' : 'warning'} showIcon style={{ marginBottom: 16 }} title={t('status.reasons')} description={<Reasons reasons={check.reasons.map((r) => r.message)} />} />
      )}
      {rejection && <Alert type="error" showIcon icon={<ExclamationCircleOutlined />} style={{ marginBottom: 16 }} title={t('status.rejection')} description={rejection} />}
      <Declared criterion={criterion} items={items} />
      <Typography.Title level={5} style={{ fontSize: 14 }}>
        {t('status.checks')}
      </Typography.Title>
      <CheckList checks={check?.checks ?? []} />
    </Card>
  );
}

/** One reason as text, several as a list (the form's problems use it too). */
export function Reasons({ reasons }: { reasons: string[] }) {
  if (reasons.length === 1) return <>{reasons[0]}</>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {reasons.map((reason, i) => (
        <li key={i}>{reason}</li>
      ))}
    </ul>
  );
}

/** The declared fields in the form's logical order (period from → to; baseline → target → achieved); any other field after them. */
const DECLARED_ORDER = [
  'url',
  'datasetUrl',
  'source',
  'metricsUrl',
  'kpi',
  'unit',
  'baseline',
  'target',
  'achieved',
  'direction',
  'method',
  'sourceUrl',
  'sourceJsonPointer',
  'sha256',
  'recordCount',
  'format',
  'jsonPointer',
  'attestedActiveUsers',
  'periodFrom',
  'periodTo',
  'expectText',
  'expectJsonPointer',
  'expectJsonValue',
  'description',
];
const declaredRank = (name: string) => {
  const rank = DECLARED_ORDER.indexOf(name);
  return rank === -1 ? DECLARED_ORDER.length : rank;
};

/** What the unit declared for the criterion. */
function Declared({ criterion, items }: { criterion: Criterion; items: EvidenceDto }) {
  const { t } = useTranslation('evidence');
  const screens = Grid.useBreakpoint();
  const field = CRITERION_FIELD[criterion];
  const declared = (items[field] ?? {}) as Record<string, unknown>;
  const shown = (name: string, value: unknown): ReactNode => {
    if (name === 'periodFrom' || name === 'periodTo') return formatDate(value as string);
    if (name === 'direction') return t(`fields.measurableEffect.${value as string}`);
    if (typeof value === 'number') return formatNumber(value, 4);
    if (typeof value === 'string' && /^https?:\/\//i.test(value)) {
      return (
        <Typography.Link href={value} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
          {value}
        </Typography.Link>
      );
    }
    return <span style={{ overflowWrap: 'anywhere' }}>{String(value)}</span>;
  };
  const entries = Object.entries(declared)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .sort(([a], [b]) => declaredRank(a) - declaredRank(b));
  if (entries.length === 0) return null;
  return (
    <Descriptions
      size="small"
      title={<span style={{ fontSize: 14 }}>{t('status.declared')}</span>}
      column={{ xs: 1, md: 2 }}
      // On a phone, each label above its value: side by side, a long label leaves the value one letter wide.
      layout={screens.md === false ? 'vertical' : 'horizontal'}
      style={{ marginBottom: 16 }}
      items={entries.map(([name, value]) => ({ key: name, label: t(`fields.${field}.${name}`), children: shown(name, value) }))}
    />
  );
}

/** Every check made: a table on wide screens, a list of cards on phones. */
export function CheckList({ checks, newestFirst = false }: { checks: CheckView[]; newestFirst?: boolean }) {
  const { t } = useTranslation('evidence');
  const screens = Grid.useBreakpoint();
  const rows = newestFirst ? [...checks].reverse() : checks;
  if (rows.length === 0) return <Typography.Paragraph>{t('status.noChecks')}</Typography.Paragraph>;

  const result = (check: CheckView) =>
    check.ok ? (
      <Tag color={STATUS_COLOURS.success} variant="outlined" icon={<CheckCircleOutlined />}>
        {t('status.check.ok')}
      </Tag>
    ) : (
      <Tag color={STATUS_COLOURS.error} variant="outlined" icon={<CloseCircleOutlined />}>
        {t('status.check.notOk')}
      </Tag>
    );
  const latency = (check: CheckView) => (check.latencyMs === null ? '—' : t('status.check.latencyMs', { ms: formatNumber(check.latencyMs) }));
  const tls = (check: CheckView) => {
    if (check.kind !== 'PROBE') return '—';
    const info = check.details?.tls;
    // No answer at all: nothing to say of a certificate.
    if (!info) return check.statusCode === null ? '—' : t('status.check.tlsNone');
    if (!info.authorized || info.daysLeft === null) return `${t('status.check.tlsInvalid')}${info.error ? ` (${info.error})` : ''}`;
    return t('status.check.tlsDays', { count: info.daysLeft });
  };
  const details = (check: CheckView) => {
    const parts: ReactNode[] = [];
    if (check.kind === 'DATASET') {
      if (typeof check.details.records === 'number') parts.push(t('status.check.records', { count: check.details.records, formatted: formatNumber(check.details.records) }));
      if (typeof check.details.sha256 === 'string') parts.push(<span style={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>{t('status.check.sha256', { value: check.details.sha256 })}</span>);
    }
    if (check.kind === 'METRIC' && typeof check.details.value === 'number') parts.push(t('status.check.metric', { value: formatNumber(check.details.value, 2) }));
    parts.push(...check.reasons.map((r) => r.message));
    if (parts.length === 0) return '—';
    return (
      <Flex vertical gap={2} style={{ maxWidth: 360 }}>
        {parts.map((part, i) => (
          <span key={i}>{part}</span>
        ))}
      </Flex>
    );
  };

  if (screens.md) {
    const columns: TableColumnsType<CheckView> = [
      { key: 'checkedAt', title: t('status.check.checkedAt'), render: (_, c) => withSeconds(c.checkedAt), width: 170 },
      { key: 'kind', title: t('status.check.kind'), render: (_, c) => t(`status.check.kinds.${c.kind}`) },
      { key: 'result', title: t('status.check.result'), render: (_, c) => result(c) },
      { key: 'statusCode', title: t('status.check.statusCode'), render: (_, c) => c.statusCode ?? '—' },
      { key: 'latency', title: t('status.check.latency'), render: (_, c) => latency(c) },
      { key: 'tls', title: t('status.check.tls'), render: (_, c) => tls(c) },
      { key: 'details', title: t('status.check.details'), render: (_, c) => details(c) },
    ];
    return (
      <Table<CheckView>
        size="small"
        rowKey={(c) => `${c.criterion}-${c.index}-${c.checkedAt}`}
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
      />
    );
  }
  return (
    <Flex vertical gap={8} role="list">
      {rows.map((c) => (
        <div role="listitem" key={`${c.criterion}-${c.index}-${c.checkedAt}`}>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'checkedAt', label: t('status.check.checkedAt'), children: withSeconds(c.checkedAt) },
              { key: 'kind', label: t('status.check.kind'), children: t(`status.check.kinds.${c.kind}`) },
              { key: 'result', label: t('status.check.result'), children: result(c) },
              { key: 'statusCode', label: t('status.check.statusCode'), children: c.statusCode ?? '—' },
              { key: 'latency', label: t('status.check.latency'), children: latency(c) },
              { key: 'tls', label: t('status.check.tls'), children: tls(c) },
              { key: 'details', label: t('status.check.details'), children: details(c) },
            ]}
          />
        </div>
      ))}
    </Flex>
  );
}

/** After completion: the product is still probed; a run of failures flags the task as regressed. */
export function AfterCareCard({ afterCare }: { afterCare: AfterCareView }) {
  const { t } = useTranslation('evidence');
  return (
    <Card title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('afterCare.title')}</Typography.Title>} size="small" style={{ marginBottom: 16 }}>
      {afterCare.regressed && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('afterCare.regressed')} />}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'state',
            label: t('afterCare.state'),
            children: (
              <Flex gap={4} wrap>
                <Tag color={STATUS_COLOURS.neutral} variant="outlined" icon={afterCare.active ? <SyncOutlined /> : <ClockCircleOutlined />}>{afterCare.active ? t('afterCare.active') : t('afterCare.ended')}</Tag>
                {afterCare.regressed ? (
                  <Tag color={STATUS_COLOURS.error} variant="outlined" icon={<CloseCircleOutlined />}>
                    {t('afterCare.regressedTag')}
                  </Tag>
                ) : (
                  <Tag color={STATUS_COLOURS.success} variant="outlined" icon={<CheckCircleOutlined />}>
                    {t('afterCare.healthy')}
                  </Tag>
                )}
              </Flex>
            ),
          },
          { key: 'until', label: t('afterCare.until'), children: formatDateTime(afterCare.endsAt) },
          { key: 'probes', label: t('afterCare.probes'), children: formatNumber(afterCare.probes) },
          { key: 'failures', label: t('afterCare.failures'), children: formatNumber(afterCare.consecutiveFailures) },
          ...(afterCare.closeReason ? [{ key: 'closeReason', label: t('afterCare.closeReason'), children: afterCare.closeReason }] : []),
        ]}
      />
      <CheckList checks={afterCare.checks} newestFirst />
    </Card>
  );
}
