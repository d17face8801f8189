import { createBrowserRouter, Navigate } from 'react-router';
import { loadTexts, type Namespace } from '@/lib/i18n';
import { PublicLayout } from './layout/public-layout';
import { RouteError } from './layout/route-error';

/**
 * Every page is reachable by URL, its filters in the query string. Pages are loaded on demand
 * (one chunk each): the sign-in page carries only what it needs.
 */
/** A page's module and its texts, loaded together before it renders. */
function page<T>(namespaces: Namespace[], load: () => Promise<T>): () => Promise<T> {
  return async () => (await Promise.all([load(), loadTexts(namespaces)]))[0];
}

export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    errorElement: <RouteError />,
    children: [
      { path: '/sign-in', lazy: () => import('@/features/auth/routes/sign-in') },
      { path: '/set-password', lazy: () => import('@/features/auth/routes/set-password') },
      { path: '/forgot-password', lazy: () => import('@/features/auth/routes/forgot-password') },
      { path: '/ack', lazy: page(['ack'], () => import('@/features/tasks/routes/acknowledge-link')) },
    ],
  },
  {
    // The signed-in frame is its own chunk: the sign-in page does not load it.
    lazy: () => import('./layout/signed-in'),
    errorElement: <RouteError />,
    children: [
      { path: '/', element: <Navigate to="/tasks" replace /> },
      { path: '/tasks', lazy: page(['tasks'], () => import('@/features/tasks/routes/my-tasks')) },
      { path: '/tasks/:id', lazy: page(['tasks', 'evidence'], () => import('@/features/tasks/routes/task')) },
      { path: '/decisions', lazy: page(['decisions', 'evidence', 'tasks'], () => import('@/features/decisions/routes/decisions')) },
      { path: '/overview', lazy: page(['reports'], () => import('@/features/reports/routes/overview')) },
      { path: '/scorecards', lazy: page(['scorecards'], () => import('@/features/scorecards/routes/scorecards')) },
      { path: '/scorecards/:id', lazy: page(['scorecards', 'tasks'], () => import('@/features/scorecards/routes/scorecard')) },
      { path: '/inbox', lazy: page(['inbox'], () => import('@/features/inbox/routes/inbox')) },
      { path: '/account', lazy: () => import('@/features/auth/routes/account') },
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
]);
