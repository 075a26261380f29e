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

/** Every string value inside `value`, with its JSON pointer, in document order. */
export function* stringValues(value: unknown, pointer = ""): Generator<[string, string]> {
  if (typeof value === "string") {
    yield [pointer, value];
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* stringValues(item, `${pointer}/${index}`);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) yield* stringValues(item, `${pointer}/${pointerSegment(key)}`);
  }
}
