import { createBrowserRouter, Navigate } from 'react-router';
import { PublicLayout } from './layout/public-layout';
import { RouteError } from './layout/route-error';

/**
 * Every page is reachable by URL, its filters in the query string. Pages are loaded on demand
 * (one chunk each): the sign-in page carries only what it needs.
 */
export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    errorElement: <RouteError />,
    children: [
      { path: '/sign-in', lazy: () => import('@/features/auth/routes/sign-in') },
      { path: '/set-password', lazy: () => import('@/features/auth/routes/set-password') },
      { path: '/forgot-password', lazy: () => import('@/features/auth/routes/forgot-password') },
      { path: '/ack', lazy: () => import('@/features/tasks/routes/acknowledge-link') },
    ],
  },
  {
    // The signed-in frame is its own chunk: the sign-in page does not load it.
    lazy: () => import('./layout/signed-in'),
    errorElement: <RouteError />,
    children: [
      { path: '/', element: <Navigate to="/tasks" replace /> },
      { path: '/tasks', lazy: () => import('@/features/tasks/routes/my-tasks') },
      { path: '/tasks/:id', lazy: () => import('@/features/tasks/routes/task') },
      { path: '/decisions', lazy: () => import('@/features/decisions/routes/decisions') },
      { path: '/inbox', lazy: () => import('@/features/inbox/routes/inbox') },
      { path: '/account', lazy: () => import('@/features/auth/routes/account') },
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
]);
