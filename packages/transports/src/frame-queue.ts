import type { LaneEnd, LaneHandler } from "./websocket-connection.js";
import type { ServerFrame } from "./sse-decoder.js";

/**
 * The buffer between a connection's message handler and a turn's async iterator. Frames are
 * pushed as they arrive and pulled in order; a pull waits only when the buffer is empty.
 */
export class FrameQueue implements LaneHandler {
  private frames: (ServerFrame | undefined)[] = [];
  private head = 0;
  private waiter: (() => void) | undefined;
  ended: LaneEnd | undefined;

  frame(frame: ServerFrame): void {
    this.frames.push(frame);
    this.wake();
  }

  end(reason: LaneEnd): void {
    this.ended ??= reason;
    this.wake();
  }

  /** The next buffered frame, or undefined when none is buffered. */
  shift(): ServerFrame | undefined {
    if (this.head >= this.frames.length) return undefined;
    const frame = this.frames[this.head];
    this.frames[this.head++] = undefined;
    if (this.head === this.frames.length) {
      this.frames.length = 0;
      this.head = 0;
    }
    return frame;
  }

  /** Resolves when a frame or the end arrives, or `wake` is called (abort, timeout). */
  wait(): Promise<void> {
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  wake(): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter();
    }
  }
}
