import pino, { type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/**
 * provd's logger: structured JSON on stdout (one object per line, for log collectors), or one
 * coloured line per event for a person at a terminal; SIP/admin passwords and tokens redacted.
 */
export function createLogger(level: string, format: LogFormat = 'json'): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'provd' },
    redact: {
      paths: ['*.password', '*.admin_password', '*.user_password', '*.raw_config.sip_lines.*.password', 'headers["x-auth-token"]'],
      censor: '[redacted]',
    },
  };
  if (format === 'json') return pino(options);
  return pino(options, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', singleLine: true, sync: true }));
}
