import { Alert, Button, DatePicker, Flex, Form, Input, Radio, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayjs, formatDateTime } from '@/lib/format';
import { useUnitSearch, useUnitUsers } from '../api/use-directory';
import type { BeyondAuthorityBody } from '../api/use-decide';
import type { DecisionItem } from '../api/types';
import { MUTED } from '../utils/colours';
import { vietnamInstant } from '../utils/vietnam-time';
import { ProblemAlert, useDecisionSubmit } from './dialog-parts';

type Decision = BeyondAuthorityBody['decision'];
const DECISIONS: Decision[] = ['DIRECTION', 'EXTEND', 'REASSIGN', 'RETURN', 'CANCEL'];

interface Fields {
  decision: Decision;
  comment: string;
  newDueAt?: dayjs.Dayjs;
  newLeadUnitId?: string;
  newFocalOfficerId?: string;
}

const FIELDS = ['decision', 'comment', 'newDueAt', 'newLeadUnitId', 'newFocalOfficerId'] as const;

/** A search typed into a Select, sent to the server once typing pauses. */
function useDebounced(value: string, ms = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * A matter beyond the unit's authority: give direction, extend (a new due time in Vietnam's
 * time), reassign to another unit (and optionally a focal officer of it), return it, or cancel
 * the task — always with the direction or the reason.
 */
export function BeyondAuthorityForm({ item, onClose }: { item: DecisionItem & { kind: 'beyondAuthority' }; onClose: () => void }) {
  const { t, i18n } = useTranslation('decisions');
  const [form] = Form.useForm<Fields>();
  const { submit, problem, busy } = useDecisionSubmit(form, FIELDS, onClose);
  const decision = Form.useWatch('decision', form);
  const unitId = Form.useWatch('newLeadUnitId', form);
  const [unitSearch, setUnitSearch] = useState('');
  const [userSearch, setUserSearch] = useState('');
  const units = useUnitSearch(useDebounced(unitSearch));
  const users = useUnitUsers(decision === 'REASSIGN' ? unitId : undefined, useDebounced(userSearch));
  const name = (unit: { nameVi: string; nameEn: string | null }) => (i18n.language === 'en' ? (unit.nameEn ?? unit.nameVi) : unit.nameVi);

  const finish = async (fields: Fields) => {
    const body: BeyondAuthorityBody = { decision: fields.decision, comment: fields.comment.trim() };
    if (fields.decision === 'EXTEND' && fields.newDueAt) body.newDueAt = vietnamInstant(fields.newDueAt);
    if (fields.decision === 'REASSIGN') {
      body.newLeadUnitId = fields.newLeadUnitId;
      if (fields.newFocalOfficerId) body.newFocalOfficerId = fields.newFocalOfficerId;
    }
    await submit({ item, body }, t('done.beyondAuthority'));
  };

  const dueAt = dayjs(item.task.dueAt);
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(fields) => void finish(fields)} disabled={busy}>
        <Form.Item name="decision" label={t('beyond.decision')} rules={[{ required: true, message: t('beyond.decisionRequired') }]}>
          <Radio.Group orientation="vertical" options={DECISIONS.map((value) => ({ value, label: t(`beyond.options.${value}`) }))} />
        </Form.Item>
        {decision === 'EXTEND' && (
          <Form.Item
            name="newDueAt"
            label={t('beyond.newDueAt')}
            extra={<span style={{ color: MUTED }}>{t('beyond.newDueAtHelp', { dueAt: formatDateTime(item.task.dueAt) })}</span>}
            rules={[
              { required: true, message: t('beyond.newDueAtRequired') },
              {
                validator: (_, value: dayjs.Dayjs | undefined) =>
                  !value || dayjs(vietnamInstant(value)).isAfter(dueAt) ? Promise.resolve() : Promise.reject(new Error(t('beyond.newDueAtLater'))),
              },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="DD/MM/YYYY HH:mm"
              style={{ width: '100%' }}
              disabledDate={(day) => day.endOf('day').isBefore(dueAt)}
            />
          </Form.Item>
        )}
        {decision === 'REASSIGN' && (
          <>
            <Form.Item name="newLeadUnitId" label={t('beyond.newLeadUnit')} rules={[{ required: true, message: t('beyond.newLeadUnitRequired') }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setUnitSearch }}
                placeholder={t('beyond.newLeadUnitPlaceholder')}
                loading={units.isFetching}
                notFoundContent={units.isFetching ? <Spin size="small" /> : t('beyond.noMatch')}
                onChange={() => form.setFieldValue('newFocalOfficerId', undefined)}
                options={(units.data?.items ?? []).map((unit) => ({
                  value: unit.id,
                  label: `${unit.code} — ${name(unit)}${unit.id === item.task.leadUnit.id ? ` ${t('beyond.currentUnit')}` : ''}`,
                  disabled: unit.id === item.task.leadUnit.id,
                }))}
              />
            </Form.Item>
            <Form.Item name="newFocalOfficerId" label={t('beyond.newFocalOfficer')}>
              <Select
                allowClear
                disabled={!unitId || busy}
                showSearch={{ filterOption: false, onSearch: setUserSearch }}
                placeholder={unitId ? t('beyond.newFocalOfficerPlaceholder') : t('beyond.chooseUnitFirst')}
                loading={users.isFetching}
                notFoundContent={users.isFetching ? <Spin size="small" /> : t('beyond.noMatch')}
                options={(users.data?.items ?? []).map((user) => ({ value: user.id, label: `${user.name} <${user.email}>` }))}
              />
            </Form.Item>
          </>
        )}
        {decision === 'CANCEL' && <Alert type="warning" showIcon title={t('beyond.cancelWarning')} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="comment"
          label={decision === 'DIRECTION' ? t('beyond.direction') : t('beyond.comment')}
          rules={[{ required: true, whitespace: true, message: t('beyond.commentRequired') }, { max: 4000 }]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Flex justify="end">
          <Button type="primary" htmlType="submit" loading={busy} danger={decision === 'CANCEL'}>
            {t('beyond.submit')}
          </Button>
        </Flex>
      </Form>
    </>
  );
}
