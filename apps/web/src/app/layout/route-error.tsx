import { lazy, Suspense } from 'react';

// antd's Result (with its illustrations) is loaded only when a page fails, not with every page.
const RouteErrorPage = lazy(() => import('./route-error-page'));

/** What a page shows when it cannot be shown: not found (also for what is outside your scope), or an error with its request id. */
export function RouteError() {
  return (
    <Suspense fallback={null}>
      <RouteErrorPage />
    </Suspense>
  );
}
