import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { NotFoundResult } from '@/components/not-found-result';
import { ApiError } from '@/lib/api-client';

/** What a page shows when its data cannot be read: not found (also outside your scope), or the error with its request id. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 404) return <NotFoundResult />;
  const requestId = error instanceof ApiError ? error.problem.requestId : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title={t('error.title')}
      subTitle={[message, requestId ? t('error.requestId', { requestId }) : ''].filter(Boolean).join(' — ')}
      extra={<Button onClick={onRetry}>{t('actions.retry')}</Button>}
    />
  );
}
