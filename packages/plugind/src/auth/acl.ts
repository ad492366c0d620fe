/**
 * ACL matching in the style of wazo-auth: an ACL is dot-separated, `*` matches exactly one
 * segment, `#` matches any number of segments (zero included), and an ACL starting with `!`
 * denies what it matches (a deny wins over any allow).
 *
 * Written for plugind while the shared token store is built elsewhere; meant to be unified.
 */
function compile(acl: string): RegExp {
  const segs = acl.split('.');
  if (segs.length === 1 && segs[0] === '#') return /^.*$/;
  let re = '';
  segs.forEach((seg, i) => {
    const literal = seg === '*' ? '[^.]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (i === 0) re += seg === '#' ? '(?:[^.]+\\.)*' : literal;
    else if (seg === '#') re += '(?:\\.[^.]+)*';
    else re += segs[0] === '#' && i === 1 ? literal : `\\.${literal}`;
  });
  return new RegExp(`^${re}$`);
}

const cache = new Map<string, RegExp>();

function matches(pattern: string, required: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = compile(pattern);
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(required);
}

/** Whether a token holding `acls` may do `required` (e.g. `plugind.plugins.demo.hello.delete`). */
export function aclAllows(acls: readonly string[], required: string): boolean {
  let allowed = false;
  for (const acl of acls) {
    if (acl.startsWith('!')) {
      if (matches(acl.slice(1), required)) return false;
    } else if (!allowed && matches(acl, required)) allowed = true;
  }
  return allowed;
}
