/**
 * ACL matching with wazo-auth's rules. An ACL is a dotted name (`provd.dev_mgr.devices.read`);
 * in a granted ACL `*` matches exactly one segment (any text without a dot) and `#` matches any
 * text, dots included (zero or more segments). A granted ACL starting with `!` denies what it
 * matches, whatever else is granted.
 */

const compiled = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re) return re;
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '[^.]*';
    else if (ch === '#') source += '.*';
    else source += ch.replace(/[\\^$.|?+()[\]{}]/g, '\\$&');
  }
  re = new RegExp(`^${source}$`);
  if (compiled.size > 10_000) compiled.clear();
  compiled.set(pattern, re);
  return re;
}

/** A granted ACL (without a leading `!`) matches a required one. */
export function aclPatternMatches(pattern: string, required: string): boolean {
  return compile(pattern).test(required);
}

/** Whether a list of granted ACLs allows `required` (negations win). */
export function aclAllows(granted: readonly string[], required: string): boolean {
  let allowed = false;
  for (const acl of granted) {
    if (acl.startsWith('!')) {
      if (aclPatternMatches(acl.slice(1), required)) return false;
    } else if (!allowed && aclPatternMatches(acl, required)) {
      allowed = true;
    }
  }
  return allowed;
}

const ACL_SYNTAX = /^!?[A-Za-z0-9_\-*#{}]+(\.[A-Za-z0-9_\-*#{}]+)*$/;

/** Checks the syntax of an ACL a token is granted (segments of letters, digits, `_-*#`). */
export function isValidAcl(acl: string): boolean {
  return acl.length <= 512 && ACL_SYNTAX.test(acl);
}

/**
 * Fills a route's ACL template (`provd.dev_mgr.devices.{id}.read`) with values. Characters that
 * would change the ACL's shape (`.`, `*`, `#`, `!`, `%`) are percent-encoded, so a device id
 * holding a dot cannot reach the ACL of another name. A missing value becomes `_`.
 */
export function fillAclTemplate(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') return '_';
    return value.replace(/[.*#!%]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  });
}
