import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import { App } from 'antd';
import type { ComponentType } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import '@/lib/i18n';

// antd pages take a while to render in jsdom on a busy machine: wait up to 10 s for what a test
// expects, and give a test a minute.
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 60_000 });

/** One request the page sent to the API. */
export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  url: string;
}

type Handler = (request: SentRequest) => Response | Promise<Response>;

/** A JSON answer (no body for 204). */
export function answer(status: number, body?: unknown): Response {
  return new Response(status === 204 || body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
  });
}

/**
 * Replaces `fetch` with handlers keyed by "METHOD /path"; returns the requests sent, in order.
 * An unexpected request fails the test.
 */
export function mockApi(handlers: Record<string, Handler>): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const entry: SentRequest = { method: request.method, path: url.pathname, query: url.searchParams, body: text ? (JSON.parse(text) as unknown) : undefined, url: request.url };
    sent.push(entry);
    const handler = handlers[`${entry.method} ${entry.path}`];
    if (!handler) throw new Error(`unexpected request ${entry.method} ${entry.path}`);
    return handler(entry);
  });
  return sent;
}

/**
 * Renders route modules in a memory router with a fresh query client and antd's App (for
 * message and modal); `path` is where the first route is mounted, `at` the starting URL.
 */
export function renderRoutes(routes: { path: string; Component: ComponentType }[], at: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [at] });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <App>
        <RouterProvider router={router} />
      </App>
    </QueryClientProvider>,
  );
  return { ...view, router, queryClient };
}
