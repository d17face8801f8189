/** The task page's timeline, scrolled to one entry (the task page reads `#event-<seq>`). */
export function timelineEntryPath(taskId: string, seq: number): string {
  return `/tasks/${taskId}?tab=timeline#event-${seq}`;
}

/** `phieu-danh-gia-2026-Q3-unit-HN-X001-v1.xlsx` from a Content-Disposition header; the fallback when it names none. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}
