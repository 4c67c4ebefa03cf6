// Server-sent events framing (WHATWG HTML §9.2). Pure.

export interface SseFrame {
  id?: number;
  event?: string;
  data: unknown;
}

/** One SSE message: JSON data (one line, as JSON escapes newlines), optional id and event name. */
export function encodeSse(frame: SseFrame): string {
  const lines: string[] = [];
  if (frame.id !== undefined) lines.push(`id: ${frame.id}`);
  if (frame.event !== undefined && frame.event !== 'message') lines.push(`event: ${frame.event}`);
  lines.push(`data: ${JSON.stringify(frame.data)}`);
  return `${lines.join('\n')}\n\n`;
}

/** The same for data already serialised as JSON (one line: JSON.stringify never writes a newline). */
export function encodeSseJson(id: number | undefined, json: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}data: ${json}\n\n`;
}

/** A comment line: ignored by EventSource, but keeps proxies from closing an idle stream. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}
