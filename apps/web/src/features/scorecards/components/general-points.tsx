import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { showApiErrors } from '@/lib/form-errors';
import type { GeneralBody, Scorecard } from '../api/types';
import { useEnterGeneral } from '../api/use-scorecard-actions';
import { localised } from '../utils/names';
import { formatPoints } from '../utils/points';

/**
 * The 30 general points: what the evaluator entered, and for a leader on the latest version the
 * form to enter or change them. Whether this leader may (a leader over the unit, not the person
 * rated) is the API's to say: its refusal is shown in its own words.
 */
export function GeneralPoints({ card, canEnter }: { card: Scorecard; canEnter: boolean }) {
  const { t, i18n } = useTranslation('scorecards');
  const { message } = App.useApp();
  const [form] = Form.useForm<GeneralBody>();
  const [problem, setProblem] = useState<{ message: string; requestId?: string } | null>(null);
  const enter = useEnterGeneral(card.id);

  const submit = async (fields: GeneralBody) => {
    setProblem(null);
    try {
      const saved = await enter.mutateAsync({ points: fields.points, comment: fields.comment.trim() });
      void message.success(t('general.saved', { total: formatPoints(saved.total), band: localised(saved.bandLabel, i18n.language) }));
    } catch (error) {
      const text = showApiErrors(form, error, ['points', 'comment']);
      if (text) setProblem({ message: text, requestId: error instanceof ApiError && error.status >= 500 ? error.problem.requestId : undefined });
    }
  };

  return (
    <Card
      size="small"
      title={
        <h2 id="general-points" style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>
          {t('general.title')}
        </h2>
      }
      extra={
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
          {card.general === null ? t('detail.notEntered') : t('score.of', { points: formatPoints(card.general), of: formatPoints(card.generalOf) })}
        </Typography.Text>
      }
    >
      <Flex vertical gap={12}>
        {card.general !== null && (
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'comment', label: t('general.comment'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{card.generalComment ?? '—'}</span> },
            ]}
          />
        )}
        {card.general !== null && card.evaluatedAt && (
          <Typography.Text type="secondary">
            <time dateTime={card.evaluatedAt}>{t('general.by', { at: formatDateTime(card.evaluatedAt) })}</time>
          </Typography.Text>
        )}
        {canEnter && (
          <div className="no-print">
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('general.rule')}
            </Typography.Paragraph>
            {problem && (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={problem.message}
                description={problem.requestId ? t('error.requestId', { ns: 'common', requestId: problem.requestId }) : undefined}
                style={{ marginBottom: 12 }}
              />
            )}
            <Form<GeneralBody>
              form={form}
              layout="vertical"
              requiredMark={false}
              initialValues={{ points: card.general ?? undefined, comment: card.generalComment ?? '' }}
              onFinish={(fields) => void submit(fields)}
            >
              <Form.Item
                name="points"
                label={t('general.points')}
                extra={t('general.of', { of: formatPoints(card.generalOf) })}
                rules={[{ required: true, message: t('general.required', { field: t('general.points').toLowerCase() }) }]}
              >
                <InputNumber min={0} step={1} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item
                name="comment"
                label={t('general.comment')}
                rules={[{ required: true, whitespace: true, message: t('general.required', { field: t('general.comment').toLowerCase() }) }]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={enter.isPending}>
                {t('general.submit')}
              </Button>
            </Form>
          </div>
        )}
      </Flex>
    </Card>
  );
}
