import pino, { type Logger } from 'pino';

/** provd's logger: structured JSON on stdout, SIP/admin passwords and tokens redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'provd' },
    redact: {
      paths: ['*.password', '*.admin_password', '*.user_password', '*.raw_config.sip_lines.*.password', 'headers["x-auth-token"]'],
      censor: '[redacted]',
    },
  });
}
