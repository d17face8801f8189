import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundResult } from '@/components/not-found-result';
import { ApiError } from '@/lib/api-client';

/** The failed page itself: not found (also for what is outside your scope), or an error with its request id. */
export default function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const notFound = (isRouteErrorResponse(error) && error.status === 404) || (error instanceof ApiError && error.status === 404);
  if (notFound) return <NotFoundResult />;
  const requestId = error instanceof ApiError ? error.problem.requestId : undefined;
  return (
    <Result
      status="error"
      title={t('error.title')}
      subTitle={[error instanceof Error ? error.message : '', requestId ? t('error.requestId', { requestId }) : ''].filter(Boolean).join(' — ')}
      extra={<Button onClick={() => window.location.reload()}>{t('error.reload')}</Button>}
    />
  );
}
