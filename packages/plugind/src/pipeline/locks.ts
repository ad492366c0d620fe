/** Which top-level job holds each plugin (`ns/name`) or source key: one job per plugin at a time. */
export class LockTable {
  private readonly held = new Map<string, string>();

  /** Takes `key` for `owner`; returns the other owner when someone else holds it. */
  tryLock(key: string, owner: string): string | undefined {
    const holder = this.held.get(key);
    if (holder !== undefined && holder !== owner) return holder;
    this.held.set(key, owner);
    return undefined;
  }

  holder(key: string): string | undefined {
    return this.held.get(key);
  }

  releaseAll(owner: string): void {
    for (const [k, v] of this.held) if (v === owner) this.held.delete(k);
  }
}
