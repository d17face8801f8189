import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, idempotencyKey } from '@/lib/api-client';
import { showApiErrors } from '@/lib/form-errors';
import {
  CRITERION_FIELD,
  formFieldNames,
  toEvidenceDto,
  toFormValues,
  useSubmitEvidence,
  type Criterion,
  type EvidenceDto,
  type EvidenceFormValues,
} from './evidence-model';
import { Reasons } from './evidence-status';

const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const SHA256_PATTERN = /^[a-fA-F0-9]{64}$/;
const JSON_POINTER_PATTERN = /^(\/[^/]*)+$/;
const DOCUMENT_KINDS = ['DOCUMENT', 'PLAN', 'MINUTES', 'DECISION', 'OTHER'] as const;

export interface EvidenceFormProps {
  taskId: string;
  /** The criteria the template requires: one section each. */
  criteria: Criterion[];
  /** A previous submission, to fix and submit again. */
  initial?: EvidenceDto;
  /** What went wrong last time, per criterion (failed checks, the reviewer's reasons). */
  previous?: Partial<Record<Criterion, string[]>>;
  onSubmitted: () => void;
  onCancel?: () => void;
}

/**
 * The evidence form: one section per criterion the template requires, each saying what counts;
 * supporting documents apart (they never count). Field errors from the API appear next to the field.
 */
export function EvidenceForm({ taskId, criteria, initial, previous, onSubmitted, onCancel }: EvidenceFormProps) {
  const { t } = useTranslation('evidence');
  const { message } = App.useApp();
  const [form] = Form.useForm<EvidenceFormValues>();
  const submit = useSubmitEvidence(taskId);
  const [problem, setProblem] = useState<string | null>(null);
  const [sectionErrors, setSectionErrors] = useState<Partial<Record<Criterion, string[]>>>({});
  // One key per intent: the same values sent again (a retry) reuse it; a change makes a new intent.
  const key = useRef<string | null>(null);
  const initialValues = useMemo(() => toFormValues(initial), [initial]);

  const rules = useMemo(() => {
    const required: Rule = { required: true, whitespace: true, message: t('rules.required') };
    const requiredValue: Rule = { required: true, message: t('rules.required') };
    const url: Rule = { pattern: URL_PATTERN, message: t('rules.url') };
    const pointer: Rule = { pattern: JSON_POINTER_PATTERN, message: t('rules.jsonPointer') };
    return { required, requiredValue, url, pointer };
  }, [t]);

  const send = async (values: EvidenceFormValues) => {
    setProblem(null);
    setSectionErrors({});
    key.current ??= idempotencyKey();
    try {
      await submit.mutateAsync({ body: toEvidenceDto(values, criteria), key: key.current });
      key.current = null;
      void message.success(t('form.submitted'));
      onSubmitted();
    } catch (error) {
      setProblem(showErrors(error, values));
    }
  };

  /** Errors on a whole criterion go in its section; the others next to their field or above the buttons. */
  const showErrors = (error: unknown, values: EvidenceFormValues): string | null => {
    if (!(error instanceof ApiError) || !error.problem.errors?.length) return showApiErrors(form, error, []);
    const bySection: Partial<Record<Criterion, string[]>> = {};
    const rest = error.problem.errors.filter((fieldError) => {
      const criterion = criteria.find((c) => CRITERION_FIELD[c] === fieldError.field);
      if (criterion) bySection[criterion] = [...(bySection[criterion] ?? []), fieldError.message];
      return !criterion;
    });
    setSectionErrors(bySection);
    const names = formFieldNames(criteria, values.supportingDocuments?.length ?? 0);
    const above = showApiErrors(form, new ApiError({ ...error.problem, errors: rest }), names);
    const first = form.getFieldsError().find((field) => field.errors.length > 0);
    if (first) form.scrollToField(first.name, { block: 'center' });
    return rest.length === 0 ? error.problem.message : (above ?? t('form.fixAbove'));
  };

  const section = (criterion: Criterion) => {
    const reasons = previous?.[criterion] ?? [];
    const errors = sectionErrors[criterion] ?? [];
    return (
      <Card key={criterion} title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t(`criteria.${criterion}`)}</Typography.Title>} size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph>{t(`help.${criterion}`)}</Typography.Paragraph>
        {reasons.length > 0 && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('form.previous')} description={<Reasons reasons={reasons} />} />
        )}
        {errors.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={<Reasons reasons={errors} />} />}
        {criterion === 'OPERATING_PRODUCT' && <ProductFields rules={rules} />}
        {criterion === 'VERIFIED_DATA' && <DataFields rules={rules} />}
        {criterion === 'REAL_USERS' && <UsersFields rules={rules} />}
        {criterion === 'MEASURABLE_EFFECT' && <EffectFields rules={rules} />}
      </Card>
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => void send(values)}
      onFinishFailed={() => setProblem(t('form.fixAbove'))}
      onValuesChange={() => {
        key.current = null;
      }}
      scrollToFirstError
      requiredMark
      aria-label={t('title')}
    >
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('documentsNeverCount')} />
      {criteria.map(section)}
      <DocumentsFields rules={rules} />
      {problem && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={problem} />}
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={submit.isPending}>
          {initial ? t('form.resubmit') : t('form.submit')}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabled={submit.isPending}>
            {t('form.cancel')}
          </Button>
        )}
      </Flex>
    </Form>
  );
}

interface FieldRules {
  required: Rule;
  requiredValue: Rule;
  url: Rule;
  pointer: Rule;
}

function ProductFields({ rules }: { rules: FieldRules }) {
  const { t } = useTranslation('evidence');
  const f = (name: string) => t(`fields.operatingProduct.${name}`);
  return (
    <>
      <Form.Item name={['operatingProduct', 'url']} label={f('url')} rules={[rules.required, rules.url]}>
        <Input type="url" inputMode="url" placeholder="https://dichvucong.example.gov.vn" autoComplete="off" />
      </Form.Item>
      <Form.Item name={['operatingProduct', 'expectText']} label={f('expectText')} extra={f('expectTextHelp')}>
        <Input maxLength={500} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['operatingProduct', 'expectJsonPointer']} label={f('expectJsonPointer')} rules={[rules.pointer]}>
            <Input placeholder="/status" maxLength={300} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['operatingProduct', 'expectJsonValue']} label={f('expectJsonValue')}>
            <Input placeholder="ok" maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['operatingProduct', 'description']} label={f('description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

function DataFields({ rules }: { rules: FieldRules }) {
  const { t } = useTranslation('evidence');
  const f = (name: string) => t(`fields.verifiedData.${name}`);
  const checksumOrCount: Rule = ({ getFieldValue }) => ({
    validator: () => {
      const sha = (getFieldValue(['verifiedData', 'sha256']) as string | undefined)?.trim();
      const count = getFieldValue(['verifiedData', 'recordCount']) as number | null | undefined;
      return !sha && (count === null || count === undefined) ? Promise.reject(new Error(t('rules.checksumOrCount'))) : Promise.resolve();
    },
  });
  return (
    <>
      <Form.Item name={['verifiedData', 'datasetUrl']} label={f('datasetUrl')} rules={[rules.required, rules.url]}>
        <Input type="url" inputMode="url" placeholder="https://data.example.gov.vn/ho-so.csv" autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name={['verifiedData', 'sha256']} label={f('sha256')} rules={[{ pattern: SHA256_PATTERN, message: t('rules.sha256') }]}>
            <Input spellCheck={false} autoComplete="off" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['verifiedData', 'recordCount']}
            label={f('recordCount')}
            dependencies={[['verifiedData', 'sha256']]}
            rules={[checksumOrCount, { type: 'integer', min: 0, message: t('rules.wholeNumber') }]}
          >
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['verifiedData', 'format']} label={f('format')}>
            <Select
              options={[
                { value: 'auto', label: f('formatAuto') },
                { value: 'csv', label: 'CSV' },
                { value: 'json', label: 'JSON' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name={['verifiedData', 'jsonPointer']} label={f('jsonPointer')} extra={f('jsonPointerHelp')} rules={[rules.pointer]}>
            <Input placeholder="/data" maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['verifiedData', 'description']} label={f('description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

function UsersFields({ rules }: { rules: FieldRules }) {
  const { t } = useTranslation('evidence');
  const f = (name: string) => t(`fields.realUsers.${name}`);
  const source = Form.useWatch(['realUsers', 'source']) as 'metrics' | 'attested' | undefined;
  const periodOrder: Rule = ({ getFieldValue }) => ({
    validator: (_rule, to: Dayjs | null | undefined) => {
      const from = getFieldValue(['realUsers', 'periodFrom']) as Dayjs | null | undefined;
      return to && from && to.isBefore(from, 'day') ? Promise.reject(new Error(t('rules.periodOrder'))) : Promise.resolve();
    },
  });
  return (
    <>
      <Form.Item name={['realUsers', 'source']} label={f('source')}>
        <Radio.Group
          options={[
            { value: 'metrics', label: f('sourceMetrics') },
            { value: 'attested', label: f('sourceAttested') },
          ]}
        />
      </Form.Item>
      {source === 'attested' ? (
        <Form.Item
          name={['realUsers', 'attestedActiveUsers']}
          label={f('attestedActiveUsers')}
          extra={f('attestedHelp')}
          rules={[rules.requiredValue, { type: 'integer', min: 0, message: t('rules.wholeNumber') }]}
        >
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name={['realUsers', 'metricsUrl']} label={f('metricsUrl')} rules={[rules.required, rules.url]}>
              <Input type="url" inputMode="url" placeholder="https://thongke.example.gov.vn/api/active" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['realUsers', 'jsonPointer']} label={f('jsonPointer')} rules={[rules.required, rules.pointer]}>
              <Input placeholder="/activeUsers" maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['realUsers', 'periodFrom']} label={f('periodFrom')} rules={[rules.requiredValue]}>
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['realUsers', 'periodTo']} label={f('periodTo')} dependencies={[['realUsers', 'periodFrom']]} rules={[rules.requiredValue, periodOrder]}>
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function EffectFields({ rules }: { rules: FieldRules }) {
  const { t } = useTranslation('evidence');
  const f = (name: string) => t(`fields.measurableEffect.${name}`);
  const pointerWithSource: Rule = ({ getFieldValue }) => ({
    validator: (_rule, pointer: string | undefined) => {
      const source = (getFieldValue(['measurableEffect', 'sourceUrl']) as string | undefined)?.trim();
      return source && !pointer?.trim() ? Promise.reject(new Error(t('rules.requiredWithSource'))) : Promise.resolve();
    },
  });
  const number = (name: 'baseline' | 'target' | 'achieved') => (
    <Col xs={24} sm={8} key={name}>
      <Form.Item name={['measurableEffect', name]} label={f(name)} rules={[rules.requiredValue]}>
        <InputNumber style={{ width: '100%' }} decimalSeparator="," />
      </Form.Item>
    </Col>
  );
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name={['measurableEffect', 'kpi']} label={f('kpi')} rules={[rules.required]}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['measurableEffect', 'unit']} label={f('unit')} rules={[rules.required]}>
            <Input maxLength={50} placeholder="%" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>{(['baseline', 'target', 'achieved'] as const).map(number)}</Row>
      <Form.Item name={['measurableEffect', 'direction']} label={f('direction')} rules={[rules.requiredValue]}>
        <Radio.Group
          options={[
            { value: 'INCREASE', label: f('INCREASE') },
            { value: 'DECREASE', label: f('DECREASE') },
          ]}
        />
      </Form.Item>
      <Form.Item name={['measurableEffect', 'method']} label={f('method')} rules={[rules.required]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name={['measurableEffect', 'sourceUrl']} label={f('sourceUrl')} rules={[rules.url]}>
            <Input type="url" inputMode="url" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['measurableEffect', 'sourceJsonPointer']}
            label={f('sourceJsonPointer')}
            dependencies={[['measurableEffect', 'sourceUrl']]}
            rules={[pointerWithSource, rules.pointer]}
          >
            <Input placeholder="/kpi/achieved" maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function DocumentsFields({ rules }: { rules: FieldRules }) {
  const { t } = useTranslation('evidence');
  const f = (name: string, options?: Record<string, unknown>) => t(`fields.supportingDocuments.${name}`, options);
  return (
    <Card title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{f('title')}</Typography.Title>} size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph>{t('documentsNeverCount')}</Typography.Paragraph>
      <Form.List name="supportingDocuments">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Row gutter={16} key={field.key} align="bottom" role="group" aria-label={f('item', { index: i + 1 })}>
                <Col xs={24} md={9}>
                  <Form.Item name={[field.name, 'title']} label={f('name')} rules={[rules.required]}>
                    <Input maxLength={300} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={5}>
                  <Form.Item name={[field.name, 'kind']} label={f('kind')} rules={[rules.requiredValue]}>
                    <Select options={DOCUMENT_KINDS.map((kind) => ({ value: kind, label: f(`kinds.${kind}`) }))} />
                  </Form.Item>
                </Col>
                <Col xs={20} md={8}>
                  <Form.Item name={[field.name, 'url']} label={f('url')} rules={[rules.url]}>
                    <Input type="url" inputMode="url" autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={4} md={2}>
                  <Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={f('remove', { index: i + 1 })} title={f('remove', { index: i + 1 })} onClick={() => remove(field.name)} />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'DOCUMENT' })}>
              {f('add')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
