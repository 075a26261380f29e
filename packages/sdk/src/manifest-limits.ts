/**
 * Size and depth limits for manifests, checked before anything walks them: a manifest is untrusted
 * input, and recursive code (schema validation, JSON position lookup, lint rules) must never meet a
 * document deep enough to overflow the stack or big enough to stall the host.
 */

/** Largest manifest accepted, in bytes of UTF-8. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Deepest nesting of objects and arrays accepted (the schema itself needs 6). */
export const MAX_MANIFEST_DEPTH = 64;

/** True when the JSON text nests arrays or objects deeper than `max` (a linear scan, no parse). */
export function jsonTextTooDeep(text: string, max: number = MAX_MANIFEST_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > max) return true;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return false;
}

// Nodes visited before an in-memory value counts as too big: shared references can make a small
// object graph expand into an enormous tree.
const MAX_NODES = 200_000;

/**
 * True when a value nests deeper than `max`, or is circular, or expands to more than 200 000 nodes
 * (iterative, so it cannot overflow the stack; bounded, so it cannot stall).
 */
export function valueTooDeep(value: unknown, max: number = MAX_MANIFEST_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let visited = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== "object" || current === null) continue;
    if (depth + 1 > max || ++visited > MAX_NODES) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** UTF-8 byte length without allocating a buffer. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
