import { describe, expect, it } from "vitest";
import { batchesOf, eventsOf } from "./event-batches.js";
import type { UnifiedEvent } from "./events.js";

const delta = (text: string): UnifiedEvent => ({ type: "text-delta", itemId: "msg_1", delta: text });

/** A batch stream that records what happened to it. */
function recordedBatches(batches: UnifiedEvent[][], fail?: Error) {
  const log: string[] = [];
  async function* generate(): AsyncGenerator<readonly UnifiedEvent[], void, undefined> {
    log.push("started");
    try {
      for (const batch of batches) {
        await Promise.resolve();
        yield batch;
      }
      if (fail) throw fail;
    } finally {
      log.push("finally");
    }
  }
  return { log, batches: generate() };
}

async function drain(events: AsyncIterable<UnifiedEvent>): Promise<string[]> {
  const seen: string[] = [];
  for await (const event of events) seen.push(event.type === "text-delta" ? event.delta : event.type);
  return seen;
}

describe("eventsOf", () => {
  it("yields every event of every batch in order, skipping empty batches", async () => {
    const { batches } = recordedBatches([[delta("a"), delta("b")], [], [delta("c")]]);
    expect(await drain(eventsOf(batches))).toEqual(["a", "b", "c"]);
  });

  it("pulls nothing before the first next(), like a generator", async () => {
    const { log, batches } = recordedBatches([[delta("a")]]);
    const events = eventsOf(batches);
    await Promise.resolve();
    expect(log).toEqual([]);
    await events.next();
    expect(log).toEqual(["started"]);
  });

  it("keeps the order when next() is called again before the previous one settled", async () => {
    const { batches } = recordedBatches([[delta("a"), delta("b")], [delta("c")]]);
    const events = eventsOf(batches);
    const results = await Promise.all([events.next(), events.next(), events.next(), events.next()]);
    expect(results.map((result) => (result.done ? "done" : (result.value as { delta: string }).delta))).toEqual(["a", "b", "c", "done"]);
  });

  it("breaking out of for await runs the batch stream's finally (a transport's cleanup)", async () => {
    const { log, batches } = recordedBatches([[delta("a"), delta("b")], [delta("c")]]);
    for await (const event of eventsOf(batches)) if (event.type === "text-delta") break;
    expect(log).toEqual(["started", "finally"]);
  });

  it("rethrows the batch stream's error after the events before it, then reports done", async () => {
    const failure = new Error("SY_ERR_TRANSPORT_CLOSED_EARLY");
    const { batches } = recordedBatches([[delta("a")]], failure);
    const events = eventsOf(batches);
    expect((await events.next()).value).toMatchObject({ delta: "a" });
    await expect(events.next()).rejects.toBe(failure);
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });

  it("throw() closes the batch stream and rethrows what it was given", async () => {
    const { log, batches } = recordedBatches([[delta("a")], [delta("b")]]);
    const events = eventsOf(batches);
    await events.next();
    const reason = new Error("consumer gave up");
    await expect(events.throw(reason)).rejects.toBe(reason);
    expect(log).toEqual(["started", "finally"]);
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });
});

describe("eventsOf, like an async generator, with requests that overlap a pull", () => {
  /** A batch stream whose next() the test answers by hand. */
  function manualBatches() {
    const answers: Array<(result: IteratorResult<readonly UnifiedEvent[]>) => void> = [];
    let returned = false;
    const source: AsyncIterable<readonly UnifiedEvent[]> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<readonly UnifiedEvent[]>>((resolve) => answers.push(resolve)),
        return: async () => {
          returned = true;
          return { value: undefined, done: true };
        },
      }),
    };
    return { source, answer: (batch: UnifiedEvent[]) => answers.shift()?.({ value: batch, done: false }), returned: () => returned };
  }
  const shown = (result: IteratorResult<UnifiedEvent, void>) => (result.done ? "done" : (result.value as { delta: string }).delta);

  it("serves a request made while the pull settles after the ones made before it", async () => {
    const { source, answer } = manualBatches();
    const events = eventsOf(source);
    const got: string[] = [];
    const first = events.next().then((result) => got.push(`1:${shown(result)}`));
    const second = events.next().then((result) => got.push(`2:${shown(result)}`));
    await new Promise((resolve) => setTimeout(resolve));
    answer([delta("a"), delta("b"), delta("c")]);
    let third: Promise<unknown> | undefined;
    queueMicrotask(() => {
      third = events.next().then((result) => got.push(`3:${shown(result)}`));
    });
    await new Promise((resolve) => setTimeout(resolve));
    await Promise.all([first, second, third]);
    expect(got.sort()).toEqual(["1:a", "2:b", "3:c"]);
  });

  it("return() during a pull: the waiting request gets its event, nothing after it, and the stream is closed", async () => {
    const { source, answer, returned } = manualBatches();
    const events = eventsOf(source);
    const pending = events.next();
    await new Promise((resolve) => setTimeout(resolve));
    const closing = events.return();
    answer([delta("a"), delta("b"), delta("c")]);
    expect(shown(await pending)).toBe("a");
    await closing;
    expect(returned()).toBe(true);
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });

  it("after a failure, the request that met it rejects and the ones queued behind it see the end", async () => {
    const failure = new Error("SY_ERR_TRANSPORT_CLOSED_EARLY");
    const events = eventsOf(recordedBatches([], failure).batches);
    const [first, second] = [events.next(), events.next()];
    await expect(first).rejects.toBe(failure);
    expect(await second).toEqual({ value: undefined, done: true });
  });
});

describe("batchesOf", () => {
  it("wraps each event of a one-at-a-time stream in a batch of one", async () => {
    const seen: number[] = [];
    async function* one(): AsyncGenerator<UnifiedEvent> {
      yield delta("a");
      yield delta("b");
    }
    for await (const batch of batchesOf(one())) seen.push(batch.length);
    expect(seen).toEqual([1, 1]);
  });
});
