import { AuditOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Flex, Grid, Row, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundResult } from '@/components/not-found-result';
import { ApiError } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { formatDate, formatDateTime } from '@/lib/format';
import { useExportScorecard } from '../api/use-scorecard-actions';
import { useScorecard } from '../api/use-scorecards';
import { CorrectionDialog } from '../components/correction-dialog';
import { FormulaDetails } from '../components/formula-details';
import { GeneralPoints } from '../components/general-points';
import { ScorecardLineCard, type LineName } from '../components/scorecard-line';
import { BandTag, useQuarterLabel, useScoreText } from '../components/scorecard-tags';
import { ScorecardVersions } from '../components/scorecard-versions';
import { writeListParams } from '../utils/list-params';
import { unitName } from '../utils/names';
import { formatPoints, formatShare } from '../utils/points';
import './scorecard-print.css';

const LINES: LineName[] = ['quantity', 'quality', 'progress'];

/**
 * One scorecard: the score and band, the three lines with their arithmetic and, per task, the
 * points, why and the timeline entries behind them; the general points (entered here by a leader);
 * its versions, its formula; export and print.
 */
export function Component() {
  const { t, i18n } = useTranslation('scorecards');
  const { id = '' } = useParams();
  const { hasRole } = useAuth();
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const scorecard = useScorecard(id);
  const exporting = useExportScorecard();
  const [correcting, setCorrecting] = useState(false);
  const quarterLabel = useQuarterLabel();
  const scoreText = useScoreText();

  if (scorecard.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (scorecard.isError) {
    const error = scorecard.error;
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFoundResult />;
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('loadFailed')}
        description={error.message}
        action={<Button onClick={() => void scorecard.refetch()}>{t('retry')}</Button>}
      />
    );
  }
  const card = scorecard.data;
  const latest = card.versions[card.versions.length - 1];
  const isLatest = !latest || latest.id === card.id;
  const unit = unitName(card.unit, i18n.language);
  const listPath = `/scorecards?${writeListParams({ quarter: card.quarter, kind: card.kind, page: 1 }).toString()}`;

  const download = async () => {
    try {
      const file = await exporting.mutateAsync(card);
      void message.success(t('detail.exported', { file }));
    } catch (error) {
      void message.error(t('detail.exportFailed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <Flex vertical gap={16} className="scorecard-page">
      <Breadcrumb items={[{ title: <Link to={listPath}>{t('title')}</Link> }, { title: `${card.unit.code} · ${quarterLabel(card.quarter)}` }]} />
      <div>
        <Typography.Text type="secondary">{t('detail.heading', { kind: t(`kind.${card.kind}`), quarter: quarterLabel(card.quarter) })}</Typography.Text>
        <Typography.Title level={1} style={{ fontSize: 24, margin: '4px 0 8px' }}>
          {card.user ? `${card.user.name} — ${unit}` : unit}
        </Typography.Title>
        <Flex wrap gap={4}>
          <BandTag card={card} />
          <Tag>{t('version', { version: card.version })}</Tag>
        </Flex>
      </div>
      <Flex wrap gap={8} className="no-print">
        <Button icon={<FileExcelOutlined aria-hidden />} loading={exporting.isPending} onClick={() => void download()}>
          {t('detail.export')}
        </Button>
        <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
          {t('detail.print')}
        </Button>
        {hasRole('ADMIN') && isLatest && (
          <Button icon={<AuditOutlined aria-hidden />} onClick={() => setCorrecting(true)}>
            {t('correct.button')}
          </Button>
        )}
      </Flex>
      {!isLatest && latest && (
        <Alert
          type="warning"
          showIcon
          title={t('detail.oldVersion', { version: card.version })}
          action={<Link to={`/scorecards/${latest.id}`}>{t('detail.latest')}</Link>}
        />
      )}
      {card.reason && <Alert type="info" showIcon title={t('detail.correctionReason')} description={card.reason} />}
      <Card size="small">
        <Descriptions
          size="small"
          // On a phone the long labels leave the values no room beside them: values under their labels.
          layout={screens.sm ? 'horizontal' : 'vertical'}
          colon={screens.sm}
          column={{ xs: 2, sm: 2, lg: 3 }}
          items={[
            { key: 'total', label: t('detail.total'), children: <Typography.Text strong style={{ fontSize: 18 }}>{scoreText(card)}</Typography.Text> },
            { key: 'results', label: t('detail.results'), children: t('score.of', { points: formatPoints(card.results), of: formatPoints(card.resultsOf) }) },
            { key: 'general', label: t('detail.general'), children: card.general === null ? t('detail.notEntered') : t('score.of', { points: formatPoints(card.general), of: formatPoints(card.generalOf) }) },
            { key: 'band', label: t('detail.band'), children: <BandTag card={card} /> },
            { key: 'tasksDue', label: t('detail.tasksDue'), children: card.tasksDue },
            { key: 'late', label: t('detail.late'), children: t('detail.lateValue', { late: card.late, due: card.tasksDue, share: formatShare(card.lateShare) }) },
            {
              key: 'period',
              label: t('detail.period'),
              children: t('detail.periodValue', { from: formatDate(card.period.from), to: formatDate(new Date(new Date(card.period.to).getTime() - 1)), cutOff: formatDateTime(card.cutOff) }),
            },
            { key: 'published', label: t('detail.published'), children: formatDateTime(card.createdAt) },
            { key: 'formula', label: t('detail.formula'), children: t('detail.formulaVersion', { version: card.formulaVersion }) },
          ]}
        />
        {card.bandCapped && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={t('band.capped', { late: card.late, due: card.tasksDue, share: formatShare(card.lateShare), max: formatShare(card.formula.maxLateShare) })}
          />
        )}
      </Card>
      {LINES.map((name) => (
        <ScorecardLineCard key={name} name={name} line={card.lines[name]} />
      ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <GeneralPoints card={card} canEnter={hasRole('LEADER') && isLatest} />
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <ScorecardVersions card={card} />
            <FormulaDetails card={card} />
          </Flex>
        </Col>
      </Row>
      {hasRole('ADMIN') && <CorrectionDialog card={card} open={correcting} onClose={() => setCorrecting(false)} />}
    </Flex>
  );
}
