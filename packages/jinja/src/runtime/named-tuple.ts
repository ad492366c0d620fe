// Tuples with named fields, as returned by the groupby filter (grouper, list).

/** Set on a tuple (array) produced by groupby: fields `grouper` and `list`. */
export const GROUP_FIELDS: unique symbol = Symbol('jinja.groupTuple');

export function groupField(arr: unknown[], name: string): unknown | undefined {
  if ((arr as unknown as Record<symbol, unknown>)[GROUP_FIELDS] !== true) return undefined;
  if (name === 'grouper') return arr[0];
  if (name === 'list') return arr[1];
  return undefined;
}
