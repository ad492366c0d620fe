// Python's sorted(): stable, key function, reverse keeps equal items in their original order.
import { compare } from './operators.js';

export function pySorted<T>(items: readonly T[], key: ((x: T) => unknown) | null, reverse: boolean): T[] {
  const decorated = items.map((item, index) => ({ item, index, key: key ? key(item) : (item as unknown) }));
  const sign = reverse ? -1 : 1;
  decorated.sort((a, b) => {
    // Python only ever asks "<"; equal keys keep input order in both directions.
    if (compare(a.key, b.key, '<') < 0) return -sign;
    if (compare(b.key, a.key, '<') < 0) return sign;
    return a.index - b.index;
  });
  return decorated.map((d) => d.item);
}
