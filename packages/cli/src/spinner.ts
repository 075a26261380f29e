import type { Output } from "./output.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A one-line spinner on a terminal; on anything else it does nothing. Returns its own stop. */
export function startSpinner(stream: Output, text: string): () => void {
  if (stream.isTTY !== true) return () => {};
  let frame = 0;
  const draw = () => stream.write(`\r\u001b[K${FRAMES[frame++ % FRAMES.length]} ${text}`);
  draw();
  const timer = setInterval(draw, 80);
  return () => {
    clearInterval(timer);
    stream.write("\r\u001b[K");
  };
}
