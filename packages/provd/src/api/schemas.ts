/**
 * JSON schemas of the REST API. They drive request validation and the OpenAPI document
 * (/0.2/api/api.yml). Documents (devices, configs) are free-form here: their rules live in
 * documents/ so that errors name the field the way the rest of provd does.
 */

const linkList = {
  type: 'object',
  properties: { links: { type: 'array', items: { type: 'object', properties: { rel: { type: 'string' }, href: { type: 'string' } }, required: ['rel', 'href'] } } },
  required: ['links'],
} as const;

const text = { type: 'string' } as const;
/**
 * A device as stored (documents/device.ts): the keys provd knows are declared, which lets the
 * serializer write them without inspecting each value; custom `X_` keys pass through.
 */
const deviceDoc = {
  type: 'object',
  properties: {
    id: text, mac: text, ip: text, sn: text, uuid: text, vendor: text, model: text, version: text, description: text, plugin: text, config: text,
    tenant_uuid: text, remote_state_sip_username: text, added: text,
    configured: { type: 'boolean' }, is_new: { type: 'boolean' }, configure_error: text,
    options: { type: 'object', additionalProperties: true },
  },
  additionalProperties: true,
} as const;

/** A config as stored (documents/config.ts), declared the same way. */
const configDoc = {
  type: 'object',
  properties: {
    id: text, parent_ids: { type: 'array', items: text }, raw_config: { type: 'object', additionalProperties: true },
    deletable: { type: 'boolean' }, role: text, transient: { type: 'boolean' }, tenant_uuid: text,
  },
  additionalProperties: true,
} as const;

export const schemas = {
  links: linkList,
  idParams: { type: 'object', properties: { id: { type: 'string', minLength: 1 } }, required: ['id'] },
  findQuery: {
    type: 'object',
    properties: {
      q: { type: 'string', description: 'selector as JSON, e.g. {"mac": "00:11:22:33:44:55"}' },
      q64: { type: 'string', description: 'selector as base64-encoded JSON (invalid: 400)' },
      fields: { type: 'string', description: 'comma-separated dotted keys to return (id is always returned)' },
      skip: { type: 'string', pattern: '^\\d+$' },
      limit: { type: 'string', pattern: '^\\d+$', description: '0: no limit' },
      sort: { type: 'string', description: 'dotted key to sort by' },
      sort_ord: { type: 'string', enum: ['ASC', 'DESC', 'asc', 'desc'] },
      recurse: { type: 'string', enum: ['true', 'false'], description: 'devices only: include subtenants' },
    },
  },
  deviceBody: { type: 'object', properties: { device: { type: 'object' } }, required: ['device'] },
  configBody: { type: 'object', properties: { config: { type: 'object' } }, required: ['config'] },
  idBody: { type: 'object', properties: { id: { type: 'string', minLength: 1 } }, required: ['id'] },
  dhcpBody: {
    type: 'object',
    properties: {
      dhcp_info: {
        type: 'object',
        properties: {
          op: { type: 'string', enum: ['commit', 'expiry', 'release'] },
          ip: { type: 'string' },
          mac: { type: 'string' },
          options: { type: 'array', items: { type: 'string' } },
        },
        required: ['op'],
      },
    },
    required: ['dhcp_info'],
  },
  paramParams: { type: 'object', properties: { param: { type: 'string', minLength: 1 } }, required: ['param'] },
  paramBody: {
    type: 'object',
    properties: { param: { type: 'object', properties: { value: { type: ['string', 'null'] } }, required: ['value'] } },
    required: ['param'],
  },
  created: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  device: { type: 'object', properties: { device: deviceDoc } },
  devices: { type: 'object', properties: { devices: { type: 'array', items: deviceDoc } } },
  config: { type: 'object', properties: { config: configDoc } },
  configs: { type: 'object', properties: { configs: { type: 'array', items: configDoc } } },
  rawConfig: { type: 'object', properties: { raw_config: { type: 'object', additionalProperties: true } } },
  status: { type: 'object', properties: { rest_api: { type: 'string' } }, additionalProperties: true },
  param: { type: 'object', properties: { param: { type: 'object', properties: { value: { type: ['string', 'integer', 'null'] } } } } },
  params: {
    type: 'object',
    properties: {
      params: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'string' }, description: { type: 'string' }, value: {}, links: linkList.properties.links } },
      },
    },
  },
  operationStatus: {
    type: 'object',
    properties: {
      status: { type: 'string', description: 'label|state;current/end(sub…) (reference format)' },
      error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'], description: 'Dialtone: why a failed operation failed' },
    },
    required: ['status'],
  },
  pkgs: { type: 'object', properties: { pkgs: { type: 'object', additionalProperties: { type: 'object', additionalProperties: true } } }, required: ['pkgs'] },
  plugins: {
    type: 'object',
    properties: {
      plugins: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: {
            links: linkList.properties.links,
            state: { type: 'string' },
            version: { type: 'string' },
            error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
          },
        },
      },
    },
    required: ['plugins'],
  },
  pluginInfo: { type: 'object', properties: { plugin_info: { type: 'object', additionalProperties: true } }, required: ['plugin_info'] },
  tenants: {
    type: 'object',
    properties: {
      master: { type: 'string' },
      tenants: { type: 'array', items: { type: 'object', properties: { uuid: { type: 'string' }, parent_uuid: { type: 'string' } } } },
    },
  },
  deviceFiles: {
    type: 'object',
    properties: {
      files: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: text, size: { type: 'integer' }, etag: text, mtime: text,
            preview: { type: ['string', 'null'], description: 'the file as text, secrets of the raw config masked; null: binary' },
            truncated: { type: 'boolean' },
          },
          required: ['name', 'size', 'preview'],
        },
      },
    },
    required: ['files'],
  },
  operations: {
    type: 'object',
    properties: {
      operations: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            location: text,
            status: { type: 'string', description: 'the reference status string (label|state;current/end(sub…))' },
            label: { type: ['string', 'null'] },
            state: { type: 'string', enum: ['waiting', 'progress', 'success', 'fail'] },
            current: { type: ['integer', 'null'] },
            end: { type: ['integer', 'null'] },
          },
          required: ['location', 'status', 'state'],
        },
      },
    },
    required: ['operations'],
  },
  noContent: { type: 'null', description: 'no content' },
  operationStarted: { type: 'null', description: 'no content: the operation to follow is in the Location header (GET it, DELETE it when done)' },
  text: { type: 'string', description: 'the file itself (text)' },
  error: { type: 'string', description: 'text/plain message; the code is in the dialtone-error-code header' },
} as const;
