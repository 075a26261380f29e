/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Splits a JSON pointer into its unescaped segments; "" → []. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Every string value inside `value`, with its JSON pointer, in document order. Iterative (an
 * explicit stack), so no input can overflow the call stack; a value seen twice is walked once.
 */
export function* stringValues(value: unknown, pointer = ""): Generator<[string, string]> {
  const stack: Array<[unknown, string]> = [[value, pointer]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [current, at] = stack.pop() as [unknown, string];
    if (typeof current === "string") {
      yield [at, current];
      continue;
    }
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const children: Array<[unknown, string]> = Array.isArray(current)
      ? current.map((item, index): [unknown, string] => [item, `${at}/${index}`])
      : Object.entries(current).map(([key, item]): [unknown, string] => [item, `${at}/${pointerSegment(key)}`]);
    // Pushed in reverse so they pop in document order.
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index] as [unknown, string]);
  }
}
