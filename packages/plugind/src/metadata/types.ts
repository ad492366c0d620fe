/** A plugin dependency as written in plugin.yml `depends`. */
export interface PluginRef {
  namespace: string;
  name: string;
  version?: string;
}

/** plugin.yml once validated. Unknown (market and display) fields are kept as they are. */
export interface PluginMetadata {
  name: string;
  namespace: string;
  version: string;
  description?: string;
  plugin_format_version: number;
  depends: PluginRef[];
  debian_depends: string[];
  min_wazo_version?: string;
  max_wazo_version?: string;
  [extra: string]: unknown;
}

/** One failed field: the reference's `{constraint_id, constraint, message}`. */
export interface FieldError {
  constraint_id: 'required' | 'regex' | 'range' | 'type';
  constraint: string | Record<string, unknown>;
  message: string;
}

export type FieldErrors = Record<string, FieldError>;
