import type { UnifiedEvent } from "./events.js";

const NO_EVENTS: readonly UnifiedEvent[] = Object.freeze([]);

/**
 * One event at a time over a stream of batches. A hand-written iterator rather than an async
 * generator: handing out the next event of the current batch costs one resolved promise, where a
 * generator step costs several (bench: http-stream / ws-stream, "per-event API"). Requests are
 * served in call order even when they overlap; `return()` and `throw()` end the batch stream (its
 * `return()`), so breaking out of a `for await` cleans up as a generator would.
 */
class EventsOfBatches implements AsyncGenerator<UnifiedEvent, void, undefined> {
  #batches: AsyncIterator<readonly UnifiedEvent[], unknown, undefined> | undefined;
  readonly #source: AsyncIterable<readonly UnifiedEvent[]>;
  #batch = NO_EVENTS;
  #at = 0;
  #done = false;
  /** Requests waiting behind a pull, served one after another in call order (as a generator queues them). */
  #queued = 0;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(source: AsyncIterable<readonly UnifiedEvent[]>) {
    this.#source = source;
  }

  next(): Promise<IteratorResult<UnifiedEvent, void>> {
    if (this.#queued === 0) {
      if (this.#done) return Promise.resolve({ value: undefined, done: true });
      if (this.#at < this.#batch.length) return Promise.resolve({ value: this.#batch[this.#at++] as UnifiedEvent, done: false });
    }
    this.#queued++;
    const result = this.#tail.then(() => this.#step());
    // The chain goes on after a failed step: the next request finds the stream done.
    this.#tail = result.then(noop, noop);
    return result;
  }

  /** One request, run when the ones before it are served: a buffered event, or a pull of the next batch. */
  async #step(): Promise<IteratorResult<UnifiedEvent, void>> {
    this.#queued--;
    if (this.#done) return { value: undefined, done: true };
    if (this.#at < this.#batch.length) return { value: this.#batch[this.#at++] as UnifiedEvent, done: false };
    try {
      this.#batches ??= this.#source[Symbol.asyncIterator]();
      for (;;) {
        const result = await this.#batches.next();
        if (result.done) {
          this.#done = true;
          return { value: undefined, done: true };
        }
        const batch = result.value;
        if (batch.length === 0) continue;
        // return() came while this pull was on its way: this request still gets its event (as a
        // generator's pending next() would), the rest of the batch is dropped.
        if (this.#done) return { value: batch[0] as UnifiedEvent, done: false };
        this.#batch = batch;
        this.#at = 1;
        return { value: batch[0] as UnifiedEvent, done: false };
      }
    } catch (error) {
      this.#done = true;
      throw error;
    }
  }

  async return(): Promise<IteratorResult<UnifiedEvent, void>> {
    this.#done = true;
    this.#batch = NO_EVENTS;
    this.#at = 0;
    await this.#batches?.return?.();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<UnifiedEvent, void>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

function noop(): void {}

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
