/**
 * Where a notification leads inside this app. The API gives `link` as an absolute URL of the app
 * (`https://host/tasks/<id>`, `https://host/decisions?task=…`); only its path, query and fragment
 * are kept, so a click always stays in the app, whatever host the API was configured with.
 * Notifications recorded before the web app linked to the JSON API (`/api/tasks/<id>`): those
 * open the task's page.
 */
export function appPathOf(link: string | null, taskId: string | null): string | null {
  const fallback = taskId ? `/tasks/${taskId}` : null;
  if (!link) return fallback;
  let url: URL;
  try {
    url = new URL(link, window.location.origin);
  } catch {
    return fallback;
  }
  // One leading slash: '//host/x' would leave the app.
  const path = `/${url.pathname.replace(/^\/+/, '')}`;
  if (path === '/' || path.startsWith('/api/')) return fallback;
  return `${path}${url.search}${url.hash}`;
}
