import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnit, useUnitOptions } from '../api/use-scorecards';
import { unitName } from '../utils/names';

/** Chooses one unit within the reader's scope (searched on the server by code or name), or none. */
export function UnitFilter({ value, onChange, id }: { value?: string; onChange: (unitId: string | undefined) => void; id: string }) {
  const { t, i18n } = useTranslation('scorecards');
  const [search, setSearch] = useState('');
  const units = useUnitOptions(search);
  const chosen = useUnit(value);
  const options = (units.data?.items ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} · ${unitName(unit, i18n.language)}` }));
  if (value && chosen.data && !options.some((option) => option.value === value)) {
    options.unshift({ value, label: `${chosen.data.code} · ${unitName(chosen.data, i18n.language)}` });
  }
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      placeholder={t('unitFilter.placeholder')}
      options={options}
      loading={units.isFetching}
      onChange={(next: string | undefined) => {
        setSearch('');
        onChange(next);
      }}
      notFoundContent={units.isFetching ? undefined : null}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
