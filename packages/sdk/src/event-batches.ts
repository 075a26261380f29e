import type { UnifiedEvent } from "./events.js";

const NO_EVENTS: readonly UnifiedEvent[] = Object.freeze([]);

/**
 * One event at a time over a stream of batches. A hand-written iterator rather than an async
 * generator: handing out the next event of the current batch costs one resolved promise, where a
 * generator step costs several (bench: http-stream / ws-stream, "per-event API"). `return()` and
 * `throw()` reach the batch stream, so breaking out of a `for await` cleans up as a generator would.
 */
class EventsOfBatches implements AsyncGenerator<UnifiedEvent, void, undefined> {
  #batches: AsyncIterator<readonly UnifiedEvent[], unknown, undefined> | undefined;
  readonly #source: AsyncIterable<readonly UnifiedEvent[]>;
  #batch = NO_EVENTS;
  #at = 0;
  #done = false;
  /** A pull in progress: a second `next()` waits for it, so events keep their order. */
  #pulling: Promise<IteratorResult<UnifiedEvent, void>> | undefined;

  constructor(source: AsyncIterable<readonly UnifiedEvent[]>) {
    this.#source = source;
  }

  next(): Promise<IteratorResult<UnifiedEvent, void>> {
    if (this.#pulling) return this.#pulling.then(() => this.next());
    if (this.#at < this.#batch.length) return Promise.resolve({ value: this.#batch[this.#at++] as UnifiedEvent, done: false });
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    if (!this.#batches) {
      try {
        this.#batches = this.#source[Symbol.asyncIterator]();
      } catch (error) {
        this.#done = true;
        return Promise.reject(error);
      }
    }
    const pulling = this.#pull(this.#batches);
    // Normally #pull() is now at its first await and clears #pulling when it settles; an iterator
    // whose next() threw synchronously has already finished it (and marked the stream done).
    if (!this.#done) this.#pulling = pulling;
    return pulling;
  }

  async #pull(batches: AsyncIterator<readonly UnifiedEvent[], unknown, undefined>): Promise<IteratorResult<UnifiedEvent, void>> {
    try {
      for (;;) {
        const result = await batches.next();
        if (result.done) {
          this.#done = true;
          return { value: undefined, done: true };
        }
        const batch = result.value;
        if (batch.length === 0) continue;
        this.#batch = batch;
        this.#at = 1;
        return { value: batch[0] as UnifiedEvent, done: false };
      }
    } catch (error) {
      this.#done = true;
      throw error;
    } finally {
      this.#pulling = undefined;
    }
  }

  async return(): Promise<IteratorResult<UnifiedEvent, void>> {
    this.#finish();
    await this.#batches?.return?.();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<UnifiedEvent, void>> {
    await this.return();
    throw error;
  }

  #finish(): void {
    this.#done = true;
    this.#batch = NO_EVENTS;
    this.#at = 0;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

// `await using events = session.send(…)` disposes like a generator, where the runtime has the symbol.
const asyncDispose = (Symbol as { asyncDispose?: symbol }).asyncDispose;
if (asyncDispose) {
  Object.defineProperty(EventsOfBatches.prototype, asyncDispose, {
    value(this: EventsOfBatches) {
      return this.return().then(() => undefined);
    },
  });
}

/**
 * The events of a batch stream, one at a time: what `send()` and `Transport.stream()` are on top
 * of their batched forms. Lazy like a generator: nothing is pulled before the first `next()`.
 */
export function eventsOf(batches: AsyncIterable<readonly UnifiedEvent[]>): AsyncGenerator<UnifiedEvent, void, undefined> {
  return new EventsOfBatches(batches);
}

/** A one-event-at-a-time stream as batches of one: adapts a transport that implements only `stream()`. */
export async function* batchesOf(events: AsyncIterable<UnifiedEvent>): AsyncGenerator<readonly UnifiedEvent[], void, undefined> {
  for await (const event of events) yield [event];
}
