import { parseTree, type Node, type ParseError } from "jsonc-parser";
import { pointerSegments } from "./json-pointer.js";

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like editors and SARIF. */
  column: number;
}

/**
 * A manifest's text, for turning JSON pointers into line and column. jsonc-parser keeps offsets
 * for every node (JSON.parse keeps none) and tolerates broken JSON, so even a file with a syntax
 * error yields a position: the error's own.
 */
export class SourceText {
  readonly text: string;
  private readonly root: Node | undefined;
  private readonly errors: ParseError[] = [];
  private lineStarts: number[] | undefined;

  constructor(text: string) {
    this.text = text;
    this.root = parseTree(text, this.errors, { disallowComments: true, allowTrailingComma: false });
  }

  /** Where the first JSON syntax error is, if there is one. */
  get syntaxError(): SourcePosition | undefined {
    const first = this.errors[0];
    return first ? this.position(first.offset) : undefined;
  }

  /**
   * The position of the node at `pointer`: its key when `at` is "key" (and it is an object member),
   * else its value. A pointer to something absent (a missing key) resolves to its nearest existing
   * ancestor. The root of a file with a syntax error resolves to the error.
   */
  locate(pointer: string, at: "key" | "value" = "value"): SourcePosition {
    if (pointer === "" && this.errors.length > 0) return this.syntaxError ?? { line: 1, column: 1 };
    const node = this.nodeAt(pointer);
    if (!node) return this.syntaxError ?? { line: 1, column: 1 };
    if (at === "key" && node.parent?.type === "property" && node.parent.children?.[0]) {
      return this.position(node.parent.children[0].offset);
    }
    return this.position(node.offset);
  }

  /** Keys that appear more than once in the object at `pointer` (JSON.parse silently keeps the last). */
  duplicateKeys(pointer: string): Array<{ key: string; pointer: string; occurrence: number }> {
    const node = this.nodeAt(pointer, false);
    if (node?.type !== "object") return [];
    const seen = new Map<string, number>();
    const duplicates: Array<{ key: string; pointer: string; occurrence: number }> = [];
    for (const property of node.children ?? []) {
      const key = property.children?.[0]?.value;
      if (typeof key !== "string") continue;
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (count > 1) duplicates.push({ key, pointer, occurrence: count });
    }
    return duplicates;
  }

  /** The position of a raw offset. */
  position(offset: number): SourcePosition {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }

  private nodeAt(pointer: string, nearest = true): Node | undefined {
    let node = this.root;
    if (!node) return undefined;
    for (const segment of pointerSegments(pointer)) {
      const child = childOf(node, segment);
      if (!child) return nearest ? node : undefined;
      node = child;
    }
    return node;
  }
}

function childOf(node: Node, segment: string): Node | undefined {
  if (node.type === "array") return /^\d+$/.test(segment) ? node.children?.[Number(segment)] : undefined;
  if (node.type !== "object") return undefined;
  // The last of duplicate keys is the one JSON.parse (and so the schema check) saw.
  let found: Node | undefined;
  for (const property of node.children ?? []) {
    if (property.children?.[0]?.value === segment) found = property.children[1];
  }
  return found;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) starts.push(index + 1);
    else if (code === 13) {
      if (text.charCodeAt(index + 1) === 10) index++;
      starts.push(index + 1);
    }
  }
  return starts;
}
