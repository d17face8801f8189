import { Alert, Button, Card, Col, Descriptions, Flex, Form, Input, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useTaskEvidence } from '../api/use-task-evidence';
import { CRITERIA, type Criterion, type CriterionView, type DecisionItem, type EvidenceCheckView } from '../api/types';
import { COLOURS, CRITERION_STATUS_COLOURS, MUTED } from '../utils/colours';
import { Muted } from './decision-cells';
import { ProblemAlert, useDecisionSubmit } from './dialog-parts';

/** Where each criterion's declaration sits in the submitted evidence. */
const ITEM_KEYS: Record<Criterion, string> = {
  OPERATING_PRODUCT: 'operatingProduct',
  VERIFIED_DATA: 'verifiedData',
  REAL_USERS: 'realUsers',
  MEASURABLE_EFFECT: 'measurableEffect',
};


const URL_FIELDS = new Set(['url', 'datasetUrl', 'metricsUrl', 'sourceUrl']);
const TIME_FIELDS = new Set(['periodFrom', 'periodTo']);

interface Fields {
  comment?: string;
  rejections?: Partial<Record<Criterion, string>>;
}

const FIELDS = ['comment', ...CRITERIA.map((c) => `rejections.${c}`)] as const;

function ExternalLink({ href }: { href: string }) {
  return (
    <Typography.Link href={href} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all', color: COLOURS.blue }}>
      {href}
    </Typography.Link>
  );
}

/** What the unit declared for one criterion, field by field. */
function Declared({ declared }: { declared: Record<string, unknown> | undefined }) {
  const { t } = useTranslation('decisions');
  if (!declared) return <Muted>{t('review.notClaimed')}</Muted>;
  const show = (field: string, value: unknown): ReactNode => {
    if (typeof value === 'string' && URL_FIELDS.has(field)) return <ExternalLink href={value} />;
    if (typeof value === 'string' && TIME_FIELDS.has(field)) return formatDateTime(value);
    if (field === 'direction' && typeof value === 'string') return t(`review.directions.${value}`, { defaultValue: value });
    if (typeof value === 'number') return formatNumber(value, 4);
    return String(value);
  };
  return (
    <Descriptions
      size="small"
      column={1}
      styles={{ label: { color: MUTED } }}
      items={Object.entries(declared)
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .map(([field, value]) => ({ key: field, label: t(`review.fields.${field}`, { defaultValue: field }), children: show(field, value) }))}
    />
  );
}

function ChecksTable({ checks }: { checks: EvidenceCheckView[] }) {
  const { t } = useTranslation('decisions');
  if (checks.length === 0) return <Muted>{t('review.noChecks')}</Muted>;
  return (
    <Table<EvidenceCheckView>
      size="small"
      rowKey={(check) => `${check.kind}:${check.index}:${check.checkedAt}`}
      dataSource={checks}
      pagination={checks.length > 10 ? { pageSize: 10, size: 'small' } : false}
      // On a phone the HTTP status and the latency give way; the table never scrolls sideways.
      columns={[
        { key: 'time', title: t('review.checkColumns.time'), width: 110, render: (_, check) => formatDateTime(check.checkedAt) },
        {
          key: 'result',
          title: t('review.checkColumns.result'),
          width: 90,
          render: (_, check) => (
            <Tag color={check.ok ? COLOURS.green : COLOURS.red} variant="outlined">
              {t(check.ok ? 'review.ok' : 'review.failed')}
            </Tag>
          ),
        },
        { key: 'status', title: t('review.checkColumns.status'), width: 60, responsive: ['md'], render: (_, check) => check.statusCode ?? '—' },
        { key: 'latency', title: t('review.checkColumns.latency'), width: 90, responsive: ['md'], render: (_, check) => (check.latencyMs === null ? '—' : t('review.latency', { ms: formatNumber(check.latencyMs) })) },
        { key: 'reason', title: t('review.checkColumns.reason'), render: (_, check) => check.reasons.map((reason) => reason.message).join(' ') || '—' },
      ]}
    />
  );
}

/** What dondoc found for one criterion: its status, the value read, the probes, each check. */
function Checked({ view }: { view: CriterionView | undefined }) {
  const { t } = useTranslation('decisions');
  if (!view) return <Muted>{t('review.noChecks')}</Muted>;
  return (
    <Flex vertical gap={8}>
      {view.value !== null && (
        <Typography.Text>
          {t('review.value')}: <strong>{formatNumber(view.value, 4)}</strong>
        </Typography.Text>
      )}
      {view.probes && <Typography.Text>{t('review.probes', view.probes)}</Typography.Text>}
      {view.attested && <Alert type="warning" showIcon title={t('review.attestedNote')} />}
      {view.reasons.length > 0 && <Alert type="error" showIcon title={view.reasons.map((reason) => reason.message).join(' ')} />}
      {!(view.attested && view.checks.length === 0) && <ChecksTable checks={view.checks} />}
    </Flex>
  );
}

/**
 * The evidence to review: for each criterion, what the unit declared beside what dondoc's checks
 * found; then accept it (the task is done) or reject it with a reason per failing criterion.
 */
export function EvidenceReviewForm({ item, onClose }: { item: DecisionItem & { kind: 'evidenceReview' }; onClose: () => void }) {
  const { t } = useTranslation('decisions');
  const [form] = Form.useForm<Fields>();
  const { submit, problem, busy } = useDecisionSubmit(form, FIELDS, onClose);
  const evidence = useTaskEvidence(item.task.id);
  const [rejecting, setRejecting] = useState(false);
  const [intent, setIntent] = useState<'approve' | 'reject'>('approve');

  if (evidence.isPending) return <Skeleton active aria-label={t('review.loading')} />;
  if (evidence.isError) return <Alert type="error" showIcon role="alert" title={t('review.loadFailed')} description={evidence.error.message} />;
  const submission = evidence.data.evidence;
  if (!submission) return <Alert type="info" showIcon title={t('review.none')} />;

  const required = new Set<string>(evidence.data.required.length > 0 ? evidence.data.required : item.details.required);
  const criteria = CRITERIA.filter((c) => required.has(c) || submission.criteria[c] !== undefined || submission.items[ITEM_KEYS[c]] !== undefined);
  const supporting = (submission.items.supportingDocuments ?? []) as { title: string; kind: string; url?: string }[];

  const approve = async () => {
    setIntent('approve');
    const fields = form.getFieldsValue();
    const comment = fields.comment?.trim();
    await submit({ item, body: { approve: true, ...(comment ? { comment } : {}) } }, t('done.evidenceApproved'));
  };

  const reject = async () => {
    setIntent('reject');
    let fields: Fields;
    try {
      fields = await form.validateFields();
    } catch {
      return;
    }
    const rejections = Object.fromEntries(
      Object.entries(fields.rejections ?? {})
        .map(([criterion, reason]) => [criterion, reason?.trim()])
        .filter(([, reason]) => reason),
    ) as Partial<Record<Criterion, string>>;
    if (Object.keys(rejections).length === 0) {
      form.setFields([{ name: ['rejections', criteria[0]], errors: [t('review.rejectionsRequired')] }]);
      return;
    }
    const comment = fields.comment?.trim();
    await submit({ item, body: { approve: false, rejections, ...(comment ? { comment } : {}) } }, t('done.evidenceRejected'));
  };

  return (
    <>
      <ProblemAlert problem={problem} />
      <Typography.Paragraph style={{ color: MUTED }}>
        {t('review.submittedAt', { time: formatDateTime(submission.submittedAt) })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} disabled={busy}>
        <Flex vertical gap={12} style={{ marginBottom: 16 }}>
          {criteria.map((criterion) => {
            const view = submission.criteria[criterion];
            const status = view?.status ?? 'pending';
            return (
              <Card
                key={criterion}
                size="small"
                title={
                  <Flex gap={8} align="center" wrap>
                    <span>{t(`review.criteria.${criterion}`)}</span>
                    <Tag color={CRITERION_STATUS_COLOURS[status]} variant="outlined" style={{ whiteSpace: 'normal' }}>
                      {t(`review.status.${status}`)}
                    </Tag>
                    {required.has(criterion) && (
                      <Tag color={COLOURS.grey} variant="outlined">
                        {t('review.required')}
                      </Tag>
                    )}
                  </Flex>
                }
              >
                <Row gutter={[16, 12]}>
                  <Col xs={24} md={10}>
                    <Typography.Title level={5} style={{ marginTop: 0 }}>
                      {t('review.declared')}
                    </Typography.Title>
                    <Declared declared={submission.items[ITEM_KEYS[criterion]] as Record<string, unknown> | undefined} />
                  </Col>
                  <Col xs={24} md={14}>
                    <Typography.Title level={5} style={{ marginTop: 0 }}>
                      {t('review.checked')}
                    </Typography.Title>
                    <Checked view={view} />
                  </Col>
                </Row>
                {rejecting && (
                  <Form.Item name={['rejections', criterion]} label={t('review.rejection', { criterion: t(`review.criteria.${criterion}`) })} style={{ marginTop: 12, marginBottom: 0 }} rules={[{ max: 2000 }]}>
                    <Input.TextArea rows={2} maxLength={2000} autoFocus={criterion === criteria[0]} />
                  </Form.Item>
                )}
              </Card>
            );
          })}
          {supporting.length > 0 && (
            <Card size="small" title={t('review.supporting')}>
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {supporting.map((doc, index) => (
                  <li key={index}>
                    {doc.url ? (
                      <Typography.Link href={doc.url} target="_blank" rel="noopener noreferrer" style={{ color: COLOURS.blue }}>
                        {doc.title}
                      </Typography.Link>
                    ) : (
                      doc.title
                    )}
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </Flex>
        {rejecting && <Alert type="info" showIcon title={t('review.rejectIntro')} style={{ marginBottom: 16 }} />}
        <Form.Item name="comment" label={t('review.comment')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Flex justify="end" gap={8} wrap>
          {rejecting ? (
            <>
              <Button onClick={() => setRejecting(false)}>{t('review.back')}</Button>
              <Button type="primary" danger loading={busy && intent === 'reject'} onClick={() => void reject()}>
                {t('review.confirmReject')}
              </Button>
            </>
          ) : (
            <>
              <Button danger onClick={() => setRejecting(true)}>
                {t('review.reject')}
              </Button>
              <Button type="primary" loading={busy && intent === 'approve'} onClick={() => void approve()}>
                {t('review.approve')}
              </Button>
            </>
          )}
        </Flex>
      </Form>
    </>
  );
}
