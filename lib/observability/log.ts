import 'server-only';

// Structured logs: one JSON object per line on stdout (errors too, so one stream carries
// the whole story in order). Fields are flat and named the same everywhere: `route`,
// `status`, `ms`, `resource`, `err`.

type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, string | number | boolean | null | undefined>;

function write(level: Level, msg: string, fields: Fields = {}): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
}

export const log = {
  debug: (msg: string, fields?: Fields) => {
    if (process.env.OFFLOAD_LOG_LEVEL === 'debug') write('debug', msg, fields);
  },
  info: (msg: string, fields?: Fields) => write('info', msg, fields),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, fields?: Fields) => write('error', msg, fields),
};

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
