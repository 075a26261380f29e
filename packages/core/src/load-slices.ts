import { performance } from "node:perf_hooks";

/** How long loads may hold the event loop before it gets a turn. */
const SLICE_MS = 10;

/**
 * Runs extension loads in slices of the event loop. An entry loaded by require() holds the loop
 * while it loads, so 2000 providers resolved at once would hold it for most of a second and
 * settle no resolve until the last entry was in. Here loads run back to back for up to SLICE_MS,
 * then the loop gets a turn (I/O, timers, the resolves whose entries are in), then the next slice.
 * One slice at a time rather than a turn per load: a turn per load cost 15 % more in all, most
 * of it in hooks called straight after their module was compiled.
 */
export class LoadSlices {
  private readonly queue: Array<() => void> = [];
  private scheduled = false;

  /** Runs `load` in the next slice and settles as it does. */
  run<T>(load: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push(() => {
        try {
          resolve(load());
        } catch (error) {
          reject(error);
        }
      });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.drain());
      }
    });
  }

  private drain(): void {
    const until = performance.now() + SLICE_MS;
    do {
      const next = this.queue.shift();
      next?.();
    } while (this.queue.length > 0 && performance.now() < until);
    if (this.queue.length > 0) setImmediate(() => this.drain());
    else this.scheduled = false;
  }
}
