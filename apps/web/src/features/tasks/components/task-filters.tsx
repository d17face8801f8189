import { Button, Checkbox, Col, Collapse, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { RISKS, TASK_STATUSES, type Risk } from '../api/types';
import { fixedByTab, TAB_QUERY, type ListParams } from '../utils/list-params';

/** How many filters the URL sets (the tab aside). */
export function activeFilters(params: ListParams): number {
  return [params.q, params.program, params.status, params.overdue, params.dueThisWeek, params.risk, params.key].filter((value) => value !== undefined).length;
}

/** Every filter cleared (the tab stays). */
export const NO_FILTERS: Partial<ListParams> = { q: undefined, program: undefined, status: undefined, overdue: undefined, dueThisWeek: undefined, risk: undefined, key: undefined };

/**
 * The list's filters; each change goes to the URL (the parent writes it). On a phone they fold
 * under one heading, open when a filter is set.
 */
export function TaskFilters({ params, onChange, folded = false }: { params: ListParams; onChange: (change: Partial<ListParams>) => void; folded?: boolean }) {
  const { t } = useTranslation('tasks');
  const fixed = fixedByTab(params.tab);
  const tab = TAB_QUERY[params.tab];
  const active = activeFilters(params);
  const filtered = active > 0;
  const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : String(value));

  const form = (
    <Form layout="vertical" component="div" role="search" aria-label={t('filters.label')}>
      <Row gutter={[12, 0]} align="bottom">
        <Col xs={24} md={12} lg={6}>
          <Form.Item label={t('filters.q')} htmlFor="tasks-q">
            <Input.Search
              id="tasks-q"
              key={`q-${params.q ?? ''}`}
              defaultValue={params.q}
              placeholder={t('filters.qPlaceholder')}
              allowClear
              maxLength={100}
              enterButton
              onSearch={(value) => onChange({ q: value.trim() || undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <Form.Item label={t('filters.status')} htmlFor="tasks-status">
            <Select
              id="tasks-status"
              allowClear
              disabled={fixed.has('status')}
              placeholder={t('filters.any')}
              value={tab.status ?? params.status}
              onChange={(value?: ListParams['status']) => onChange({ status: value })}
              options={TASK_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={3}>
          <Form.Item label={t('filters.overdue')} htmlFor="tasks-overdue">
            <Select
              id="tasks-overdue"
              allowClear
              disabled={fixed.has('overdue')}
              placeholder={t('filters.any')}
              value={yesNo(tab.overdue ?? params.overdue)}
              onChange={(value?: string) => onChange({ overdue: value === undefined ? undefined : value === 'true' })}
              options={[
                { value: 'true', label: t('filters.overdueYes') },
                { value: 'false', label: t('filters.overdueNo') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={7}>
          <Form.Item label={t('filters.risk')} htmlFor="tasks-risk">
            <Select<Risk[]>
              id="tasks-risk"
              mode="multiple"
              allowClear
              placeholder={t('filters.riskPlaceholder')}
              value={params.risk ?? []}
              onChange={(value) => onChange({ risk: RISKS.filter((risk) => value.includes(risk)) })}
              options={RISKS.map((risk) => ({ value: risk, label: t(`risk.${risk}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <Form.Item label={t('filters.key')} htmlFor="tasks-key">
            <Select
              id="tasks-key"
              allowClear
              placeholder={t('filters.any')}
              value={yesNo(params.key)}
              onChange={(value?: string) => onChange({ key: value === undefined ? undefined : value === 'true' })}
              options={[
                { value: 'true', label: t('filters.keyYes') },
                { value: 'false', label: t('filters.keyNo') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('filters.program')} htmlFor="tasks-program">
            <Input.Search
              id="tasks-program"
              key={`program-${params.program ?? ''}`}
              defaultValue={params.program}
              placeholder={t('filters.programPlaceholder')}
              allowClear
              maxLength={200}
              enterButton
              onSearch={(value) => onChange({ program: value.trim() || undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <Form.Item>
            <Checkbox
              checked={(tab.dueThisWeek ?? params.dueThisWeek) === true}
              disabled={fixed.has('dueThisWeek')}
              onChange={(event) => onChange({ dueThisWeek: event.target.checked ? true : undefined })}
            >
              {t('filters.dueThisWeek')}
            </Checkbox>
          </Form.Item>
        </Col>
        <Col xs={24} lg={3}>
          <Form.Item>
            <Button
              block
              disabled={!filtered}
              onClick={() => onChange(NO_FILTERS)}
            >
              {t('filters.clear')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
  if (!folded) return form;
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 12 }}
      defaultActiveKey={filtered ? ['filters'] : []}
      items={[{ key: 'filters', label: active ? t('filters.foldedActive', { count: active }) : t('filters.folded'), children: form, forceRender: true }]}
    />
  );
}
