import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { App } from 'antd';
import type { ComponentType } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import '@/lib/i18n';

/** Renders the tasks pages at `url` inside the providers the app gives them; returns the router to read its location. */
export function renderRoute(url: string, pages: { list?: ComponentType; task?: ComponentType }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(
    [
      ...(pages.list ? [{ path: '/tasks', Component: pages.list }] : []),
      ...(pages.task ? [{ path: '/tasks/:id', Component: pages.task }] : []),
      { path: '/decisions', element: <p>decisions page</p> },
    ],
    { initialEntries: [url] },
  );
  const view = render(
    <QueryClientProvider client={client}>
      <App>
        <RouterProvider router={router} />
      </App>
    </QueryClientProvider>,
  );
  return { ...view, router, client };
}

/** Emulates a screen `width` pixels wide for antd's breakpoints (jsdom matches no media query). */
export function setScreenWidth(width: number): void {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    configurable: true,
    value: (query: string) => {
      const min = /min-width:\s*(\d+)px/.exec(query);
      const max = /max-width:\s*(\d+(?:\.\d+)?)px/.exec(query);
      const matches = (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
      return {
        matches,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      };
    },
  });
}

// jsdom has no ResizeObserver; antd's auto-sized text areas and tabs observe their size.
export class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
