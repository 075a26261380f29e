import type { FrameDecoder, Terminal, UnifiedEvent } from "@switchyard/sdk";
import type { LaneEnd, LaneHandler } from "./websocket-connection.js";
import type { ServerFrame } from "./sse-decoder.js";

/**
 * The buffer between a connection's message handler and a turn's async iterator. Each frame is
 * decoded as it arrives, inside the socket's message callback, so every frame of one network read
 * lands in the same batch; the turn takes the whole batch when it wakes. Frames after the
 * terminal event or a codec failure are dropped: they do not belong to this response.
 */
export class EventLane implements LaneHandler {
  private batch: UnifiedEvent[] = [];
  private waiter: (() => void) | undefined;
  /** Set by the first terminal frame. */
  terminal: Terminal | undefined;
  /** The codec threw on a frame. */
  failure: unknown;
  ended: LaneEnd | undefined;

  constructor(private readonly decoder: FrameDecoder) {}

  frame(frame: ServerFrame): void {
    if (this.terminal !== undefined || this.failure !== undefined) return;
    try {
      this.decoder.decode(frame, this.batch);
      this.terminal = this.decoder.terminal;
    } catch (error) {
      this.failure = error ?? new Error("the codec threw");
    }
    this.wake();
  }

  end(reason: LaneEnd): void {
    this.ended ??= reason;
    this.wake();
  }

  get responseId(): string | undefined {
    return this.decoder.responseId;
  }

  /** The events decoded since the last take (possibly none); the array is the caller's from now on. */
  take(): UnifiedEvent[] {
    const batch = this.batch;
    if (batch.length > 0) this.batch = [];
    return batch;
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
