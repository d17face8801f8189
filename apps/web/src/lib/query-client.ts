import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/** Server state lives here. Client errors (4xx) are not retried: the answer will not change. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
