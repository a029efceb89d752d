// Text from inputs (function names, labels, reasons, file names) placed in HTML
// strings — ECharts tooltip formatters return HTML — goes through escapeHtml.
// Svelte's {text} already escapes; this is only for strings built by hand.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}
