/**
 * A parser for Asterisk's configuration syntax as res_pjsip reads pjsip.conf (Asterisk is not in
 * Debian, so our tests validate generated files with this): `[name]`, `[name](!)`,
 * `[name](tpl1,tpl2)`, `[name](!,tpl)`, `key = value`, `key => value`, `;` comments (`\;` is a
 * literal semicolon), `;-- … --;` block comments, `#include`/`#exec` lines. Then the checks
 * res_pjsip makes when it loads objects: a known `type`, each (type, name) once, references
 * (auth, aors, transport, outbound_auth) to objects of the right type, and the options of each
 * type known.
 */

export interface PjsipOption {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

export interface PjsipSection {
  readonly name: string;
  readonly line: number;
  readonly isTemplate: boolean;
  readonly inherits: readonly string[];
  readonly options: PjsipOption[];
}

export interface ParsedConf {
  readonly sections: PjsipSection[];
  readonly directives: { readonly line: number; readonly text: string }[];
}

export class PjsipSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'PjsipSyntaxError';
  }
}

/** Removes a `;` comment (not `\;`) and turns `\;` into `;`. */
function stripComment(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === ';') {
      out += ';';
      i++;
    } else if (c === ';') break;
    else out += c;
  }
  return out;
}

export function parseConf(text: string): ParsedConf {
  const sections: PjsipSection[] = [];
  const directives: { line: number; text: string }[] = [];
  let current: PjsipSection | null = null;
  let inBlockComment = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    let raw = lines[i].replace(/\r$/, '');
    if (/[\x00-\x08\x0b-\x1f\x7f]/.test(raw)) throw new PjsipSyntaxError(n, 'control character');
    if (inBlockComment) {
      const end = raw.indexOf('--;');
      if (end < 0) continue;
      raw = raw.slice(end + 3);
      inBlockComment = false;
    }
    const block = raw.indexOf(';--');
    if (block >= 0) {
      const end = raw.indexOf('--;', block + 3);
      if (end < 0) {
        inBlockComment = true;
        raw = raw.slice(0, block);
      } else raw = raw.slice(0, block) + raw.slice(end + 3);
    }
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) {
      if (!/^#(include|tryinclude|exec)\s+\S/.test(trimmed)) throw new PjsipSyntaxError(n, `unknown directive ${trimmed.split(/\s/)[0]}`);
      directives.push({ line: n, text: trimmed });
      continue;
    }
    const line = stripComment(raw).trim();
    if (!line) continue;
    if (line.startsWith('[')) {
      const m = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(line);
      if (!m) throw new PjsipSyntaxError(n, `malformed section header ${JSON.stringify(line)}`);
      const name = m[1];
      if (name.trim() !== name || !name) throw new PjsipSyntaxError(n, `section name ${JSON.stringify(name)} has surrounding spaces`);
      const flags = m[2] === undefined ? [] : m[2].split(',').map((f) => f.trim());
      if (flags.some((f) => !f)) throw new PjsipSyntaxError(n, 'empty name in the template list');
      current = { name, line: n, isTemplate: flags.includes('!'), inherits: flags.filter((f) => f !== '!'), options: [] };
      sections.push(current);
      continue;
    }
    const m = /^([^=\s][^=]*?)\s*=>?\s*(.*)$/.exec(line);
    if (!m) throw new PjsipSyntaxError(n, `expected "key = value", got ${JSON.stringify(line)}`);
    if (!current) throw new PjsipSyntaxError(n, `option ${m[1]} outside any section`);
    current.options.push({ key: m[1], value: m[2], line: n });
  }
  if (inBlockComment) throw new PjsipSyntaxError(lines.length, 'unterminated ;-- block comment');
  return { sections, directives };
}

/** Options res_pjsip takes for the object types Dialtone writes (a subset of Asterisk 20's). */
const KNOWN_OPTIONS: Record<string, ReadonlySet<string>> = {
  global: new Set(['type', 'user_agent', 'default_outbound_endpoint', 'debug', 'keep_alive_interval', 'max_forwards', 'endpoint_identifier_order', 'default_realm', 'mwi_disable_initial_unsolicited', 'ignore_uri_user_options', 'max_initial_qualify_time', 'contact_expiration_check_interval', 'disable_multi_domain', 'regcontext', 'default_voicemail_extension', 'taskprocessor_overload_trigger', 'norefersub', 'allow_sending_180_after_183']),
  system: new Set(['type', 'timer_t1', 'timer_b', 'compact_headers', 'threadpool_initial_size', 'threadpool_auto_increment', 'threadpool_idle_timeout', 'threadpool_max_size', 'disable_tcp_switch', 'follow_early_media_fork', 'accept_multiple_sdp_answers']),
  transport: new Set(['type', 'protocol', 'bind', 'async_operations', 'ca_list_file', 'ca_list_path', 'cert_file', 'cipher', 'domain', 'external_media_address', 'external_signaling_address', 'external_signaling_port', 'local_net', 'method', 'password', 'priv_key_file', 'require_client_cert', 'tos', 'cos', 'verify_client', 'verify_server', 'allow_reload', 'symmetric_transport', 'websocket_write_timeout']),
  endpoint: new Set(['type', 'context', 'transport', 'disallow', 'allow', 'auth', 'aors', 'outbound_auth', 'callerid', 'callerid_privacy', 'dtmf_mode', 'media_encryption', 'media_encryption_optimistic', 'mailboxes', 'direct_media', 'rtp_symmetric', 'force_rport', 'rewrite_contact', 'ice_support', 'language', 'set_var', 'subscribe_context', 'allow_subscribe', 'webrtc', 'named_call_group', 'named_pickup_group', 'call_group', 'pickup_group', 'device_state_busy_at', 'from_user', 'from_domain', 'trust_id_inbound', 'trust_id_outbound', 'send_pai', 'send_rpid', 'timers', 'timers_min_se', 'timers_sess_expires', 'rtp_timeout', 'rtp_timeout_hold', 'moh_suggest', 'tos_audio', 'tos_video', 'accountcode', 'message_context', 'dtls_auto_generate_cert', 'max_audio_streams', 'max_video_streams', 'sdp_owner', 'sdp_session', 'tone_zone', 'voicemail_extension', 'mwi_from_user', '100rel', 'inband_progress', 'identify_by', 'aggregate_mwi']),
  auth: new Set(['type', 'auth_type', 'username', 'password', 'md5_cred', 'realm', 'nonce_lifetime']),
  aor: new Set(['type', 'max_contacts', 'remove_existing', 'remove_unavailable', 'qualify_frequency', 'qualify_timeout', 'authenticate_qualify', 'default_expiration', 'minimum_expiration', 'maximum_expiration', 'contact', 'mailboxes', 'support_path', 'outbound_proxy', 'voicemail_extension']),
  identify: new Set(['type', 'endpoint', 'match', 'match_header', 'srv_lookups']),
  registration: new Set(['type', 'server_uri', 'client_uri', 'contact_user', 'outbound_auth', 'retry_interval', 'forbidden_retry_interval', 'fatal_retry_interval', 'expiration', 'transport', 'line', 'endpoint', 'auth_rejection_permanent', 'max_retries', 'outbound_proxy', 'support_path']),
};

const REFERENCES: Record<string, Record<string, string>> = {
  endpoint: { auth: 'auth', aors: 'aor', outbound_auth: 'auth', transport: 'transport' },
  registration: { outbound_auth: 'auth', transport: 'transport', endpoint: 'endpoint' },
  identify: { endpoint: 'endpoint' },
};

export interface PjsipObject {
  readonly type: string;
  readonly name: string;
  readonly line: number;
  /** Options after template inheritance; a repeated key keeps every value (allow, match…). */
  readonly options: ReadonlyMap<string, string[]>;
}

/** Parses and checks a pjsip.conf as res_pjsip would load it; throws PjsipSyntaxError on the first problem. */
export function loadPjsipConf(text: string): PjsipObject[] {
  const { sections } = parseConf(text);
  const templates = new Map<string, PjsipSection>();
  for (const s of sections) if (s.isTemplate) templates.set(s.name, s);
  const objects: PjsipObject[] = [];
  const seen = new Set<string>();
  const collect = (s: PjsipSection, into: Map<string, string[]>, depth: number) => {
    if (depth > 16) throw new PjsipSyntaxError(s.line, 'template inheritance too deep');
    for (const t of s.inherits) {
      const tpl = templates.get(t);
      if (!tpl) throw new PjsipSyntaxError(s.line, `[${s.name}] inherits from unknown template ${t}`);
      collect(tpl, into, depth + 1);
    }
    for (const o of s.options) into.set(o.key, [...(into.get(o.key) ?? []), o.value]);
  };
  for (const s of sections) {
    if (s.isTemplate) continue;
    const options = new Map<string, string[]>();
    collect(s, options, 0);
    const type = options.get('type');
    if (!type) throw new PjsipSyntaxError(s.line, `[${s.name}] has no type`);
    const t = type[type.length - 1];
    const known = KNOWN_OPTIONS[t];
    if (!known) throw new PjsipSyntaxError(s.line, `[${s.name}] has unknown type ${t}`);
    for (const key of options.keys()) {
      if (!known.has(key) && !key.startsWith('set_var')) throw new PjsipSyntaxError(s.line, `[${s.name}] (${t}): unknown option ${key}`);
    }
    const id = `${t}\0${s.name}`;
    if (seen.has(id)) throw new PjsipSyntaxError(s.line, `[${s.name}] is a second ${t} of that name`);
    seen.add(id);
    objects.push({ type: t, name: s.name, line: s.line, options });
  }
  const byType = new Set(objects.map((o) => `${o.type}\0${o.name}`));
  for (const o of objects) {
    for (const [key, target] of Object.entries(REFERENCES[o.type] ?? {})) {
      for (const value of o.options.get(key) ?? []) {
        for (const ref of value.split(',').map((v) => v.trim()).filter(Boolean)) {
          if (!byType.has(`${target}\0${ref}`)) throw new PjsipSyntaxError(o.line, `[${o.name}] (${o.type}): ${key} = ${ref} names no ${target}`);
        }
      }
    }
    if (o.type === 'auth') {
      const authType = o.options.get('auth_type')?.at(-1) ?? 'userpass';
      if (authType === 'userpass' && !o.options.get('username')) throw new PjsipSyntaxError(o.line, `[${o.name}] (auth): userpass without username`);
    }
  }
  return objects;
}
