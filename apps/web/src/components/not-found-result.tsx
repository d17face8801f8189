import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** "Not found": also what a task outside the user's scope shows (the API answers 404 for both). */
export function NotFoundResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.text')}
      extra={
        <Link to="/tasks">
          <Button type="primary">{t('notFound.back')}</Button>
        </Link>
      }
    />
  );
}
