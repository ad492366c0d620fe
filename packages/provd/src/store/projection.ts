/**
 * `fields` projection: keeps only the listed dotted paths (and always `id`). A path walks into
 * objects; through an array it projects every object item (other items are dropped). A parent
 * path wins over its children (`a` and `a.b` keep all of `a`). Missing paths are left out.
 */
import { errors } from '../errors.js';
import { cloneJson, hasOwn, isPlainObject, setOwn } from './json.js';
import { parsePath } from './path.js';
import type { Doc } from './types.js';

type Tree = Map<string, Tree | true>;

export function compileFields(fields: unknown): Tree | null {
  if (fields === undefined || fields === null) return null;
  if (!Array.isArray(fields)) throw errors.badRequest('fields must be a list of keys');
  const tree: Tree = new Map([['id', true]]);
  for (const field of fields) {
    const path = parsePath(field, 'fields');
    let node = tree;
    for (let i = 0; i < path.length; i++) {
      const existing = node.get(path[i]);
      if (existing === true) break;
      if (i === path.length - 1) {
        node.set(path[i], true);
      } else {
        const child = existing ?? new Map();
        node.set(path[i], child);
        node = child;
      }
    }
  }
  return tree;
}

export function project(doc: Doc, tree: Tree | null): Doc {
  if (!tree) return doc;
  return projectObject(doc, tree) as Doc;
}

function projectObject(value: Record<string, unknown>, tree: Tree): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    if (!hasOwn(value, key)) continue;
    const child = value[key];
    if (sub === true) {
      setOwn(out, key, cloneJson(child));
    } else if (isPlainObject(child)) {
      const projected = projectObject(child, sub);
      if (Object.keys(projected).length > 0) setOwn(out, key, projected);
    } else if (Array.isArray(child)) {
      setOwn(out, key, projectArray(child, sub));
    }
  }
  return out;
}

function projectArray(items: unknown[], tree: Tree): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    if (isPlainObject(item)) out.push(projectObject(item, tree));
    else if (Array.isArray(item)) out.push(projectArray(item, tree));
  }
  return out;
}
