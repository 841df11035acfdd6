/**
 * Keeps recently used aggregates warm: their state and the stream version it
 * reflects. A command on a warm stream decides and appends in one round trip;
 * if another process appended meanwhile, the append's expected-version check
 * fails and the handler catches up from the cached version. So the cache can
 * be stale but never wrong: every stored (stream, version) is immutable.
 */
export interface CachedStream<State> {
  readonly version: number;
  readonly state: State;
}

export class StreamCache {
  readonly #entries = new Map<string, CachedStream<unknown>>();

  constructor(private readonly capacity = 10_000) {}

  get<State>(streamName: string): CachedStream<State> | undefined {
    const entry = this.#entries.get(streamName);
    if (entry) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.#entries.delete(streamName);
      this.#entries.set(streamName, entry);
    }
    return entry as CachedStream<State> | undefined;
  }

  set<State>(streamName: string, entry: CachedStream<State>): void {
    const current = this.#entries.get(streamName);
    // Never move a stream backwards: a slower concurrent load may finish last.
    if (current && current.version > entry.version) return;
    this.#entries.delete(streamName);
    this.#entries.set(streamName, entry);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}
