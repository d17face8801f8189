import { Button, Col, Collapse, DatePicker, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayjs } from '@/lib/format';
import { useScopeUnits, useUnit } from '../api/use-statistics';
import { BASES, LEVELS, type OverviewParams } from '../utils/overview-params';

const DATE_FORMAT = 'DD/MM/YYYY';

/** How many filters the URL sets. */
export function activeFilters(params: OverviewParams): number {
  return [params.from, params.to, params.program, params.key, params.level, params.unitId].filter((value) => value !== undefined).length;
}

export const NO_FILTERS: Partial<OverviewParams> = { from: undefined, to: undefined, basis: 'assigned', program: undefined, key: undefined, level: undefined, unitId: undefined };

/** The unit filter: units within the reader's scope, searched by code or name. */
function UnitSelect({ value, onChange }: { value?: string; onChange: (unitId?: string) => void }) {
  const { t, i18n } = useTranslation('reports');
  const [search, setSearch] = useState('');
  const units = useScopeUnits(search);
  const chosen = useUnit(value);
  const name = (unit: { code: string; nameVi: string; nameEn: string | null }) => `${i18n.language === 'en' && unit.nameEn ? unit.nameEn : unit.nameVi} (${unit.code})`;
  const options = (units.data?.items ?? []).map((unit) => ({ value: unit.id, label: name(unit) }));
  if (value && chosen.data && !options.some((option) => option.value === value)) options.unshift({ value, label: name(chosen.data) });
  return (
    <Select
      id="overview-unit"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder={t('filters.unitPlaceholder')}
      value={value}
      loading={units.isFetching}
      onChange={(unitId?: string) => {
        setSearch('');
        onChange(unitId);
      }}
      options={options}
      notFoundContent={t('filters.unitNone')}
    />
  );
}

/** The overview's filters; each change goes to the URL. On a phone they fold under one heading. */
export function OverviewFilters({ params, onChange, folded = false }: { params: OverviewParams; onChange: (change: Partial<OverviewParams>) => void; folded?: boolean }) {
  const { t } = useTranslation('reports');
  const active = activeFilters(params);
  const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : String(value));
  const form = (
    <Form layout="vertical" component="div" role="search" aria-label={t('filters.label')}>
      <Row gutter={[12, 0]} align="bottom">
        <Col xs={12} md={6} lg={4}>
          <Form.Item label={t('filters.from')} htmlFor="overview-from">
            <DatePicker
              id="overview-from"
              format={DATE_FORMAT}
              style={{ width: '100%' }}
              value={params.from ? dayjs(params.from) : null}
              onChange={(date) => onChange({ from: date ? date.format('YYYY-MM-DD') : undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Form.Item label={t('filters.to')} htmlFor="overview-to">
            <DatePicker
              id="overview-to"
              format={DATE_FORMAT}
              style={{ width: '100%' }}
              value={params.to ? dayjs(params.to) : null}
              onChange={(date) => onChange({ to: date ? date.format('YYYY-MM-DD') : undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={4}>
          <Form.Item label={t('filters.basis')} htmlFor="overview-basis">
            <Select id="overview-basis" value={params.basis} onChange={(basis: OverviewParams['basis']) => onChange({ basis })} options={BASES.map((basis) => ({ value: basis, label: t(`filters.bases.${basis}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item label={t('filters.unit')} htmlFor="overview-unit">
            <UnitSelect value={params.unitId} onChange={(unitId) => onChange({ unitId })} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item label={t('filters.level')} htmlFor="overview-level">
            <Select
              id="overview-level"
              allowClear
              placeholder={t('filters.any')}
              value={params.level}
              onChange={(level?: OverviewParams['level']) => onChange({ level })}
              options={LEVELS.map((level) => ({ value: level, label: t(`level.${level}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={8}>
          <Form.Item label={t('filters.program')} htmlFor="overview-program">
            <Input.Search
              id="overview-program"
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
        <Col xs={24} md={12} lg={6}>
          <Form.Item label={t('filters.key')} htmlFor="overview-key">
            <Select
              id="overview-key"
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
        <Col xs={24} md={12} lg={4}>
          <Form.Item>
            <Button block disabled={active === 0 && params.basis === 'assigned'} onClick={() => onChange(NO_FILTERS)}>
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
      // Folded even when set (the heading counts them): on a phone the figures come first.
      defaultActiveKey={[]}
      items={[{ key: 'filters', label: active ? t('filters.foldedActive', { count: active }) : t('filters.folded'), children: form, forceRender: true }]}
    />
  );
}
