/**
 * A matcher for the small regular language nearly every `accept` pattern is written in: `^` and
 * `$`, ASCII literals and escapes, `.`, `\d`, ASCII classes with ranges, groups with `|`, and the
 * repeats `* + ? {n,m}` (counted ones on a single character or class). It matches as RE2 does and,
 * like RE2, in time linear in the input: a Thompson NFA simulated over the input's code points.
 * It exists because re2js compiles a pattern in 0.1-2 ms of cold code, paid per provider at
 * every start; this compiles in microseconds. Anything outside the language gives undefined and
 * RE2 decides, so every pattern this accepts is one RE2 accepts (a property test holds the two
 * to the same answers).
 */

/** One code point from a set of inclusive ranges. */
type Chars = ReadonlyArray<readonly [number, number]>;

type Node =
  | { kind: "chars"; chars: Chars }
  | { kind: "begin" }
  | { kind: "end" }
  | { kind: "seq"; items: Node[] }
  | { kind: "alt"; options: Node[] }
  | { kind: "repeat"; item: Node; min: number; max: number };

type State =
  | { kind: "chars"; chars: Chars; next: number }
  | { kind: "split"; a: number; b: number }
  | { kind: "begin" | "end"; next: number }
  | { kind: "match" };

/** Counts above this, or a program larger than MAX_STATES, go to RE2 (which has limits of its own). */
const MAX_COUNT = 1000;
const MAX_STATES = 2000;
const DIGITS: Chars = [[0x30, 0x39]];
const ANY_BUT_NEWLINE: Chars = [
  [0, 0x09],
  [0x0b, 0x10ffff],
];
const isAlnum = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
const isPrintableAscii = (code: number) => code >= 0x20 && code < 0x7f;

/** Thrown inside the parser for anything outside the language; never escapes this module. */
class Outside extends Error {}
const outside = (): never => {
  throw new Outside();
};

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at !== this.text.length) outside(); // an unmatched ")"
    return node;
  }

  private peek(): string | undefined {
    return this.text[this.at];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === "|") {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: "alt", options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let next = this.peek(); next !== undefined && next !== "|" && next !== ")"; next = this.peek()) {
      items.push(this.repeated(this.atom()));
    }
    return { kind: "seq", items };
  }

  private repeated(item: Node): Node {
    const quantifier = this.peek();
    let min: number;
    let max: number;
    if (quantifier === "*") [min, max] = [0, Infinity];
    else if (quantifier === "+") [min, max] = [1, Infinity];
    else if (quantifier === "?") [min, max] = [0, 1];
    else if (quantifier === "{") [min, max] = this.counts(item);
    else return item;
    if (item.kind === "begin" || item.kind === "end" || (item.kind === "seq" && hasCountedRepeat(item))) outside();
    if (quantifier !== "{") this.at++; // counts() read its own "{n,m}"
    if (this.peek() === "?") this.at++; // lazy: the same yes/no answer
    if (this.peek() === "*" || this.peek() === "+" || this.peek() === "?" || this.peek() === "{") outside(); // RE2 refuses `a**`
    return { kind: "repeat", item, min, max };
  }

  private counts(item: Node): [number, number] {
    const found = /^\{(0|[1-9]\d{0,3})(,(0|[1-9]\d{0,3})?)?\}/.exec(this.text.slice(this.at));
    if (!found || item.kind !== "chars") return outside(); // RE2 reads a stray "{" as a literal: leave it to RE2
    const min = Number(found[1]);
    const max = found[2] === undefined ? min : found[3] === undefined ? Infinity : Number(found[3]);
    if (min > MAX_COUNT || (max !== Infinity && (max > MAX_COUNT || max < min))) outside();
    this.at += found[0].length;
    return [min, max];
  }

  private atom(): Node {
    const char = this.text[this.at++] as string;
    switch (char) {
      case "^":
        return { kind: "begin" };
      case "$":
        return { kind: "end" };
      case ".":
        return { kind: "chars", chars: ANY_BUT_NEWLINE };
      case "(": {
        if (this.peek() === "?") {
          if (this.text.slice(this.at, this.at + 2) !== "?:") outside(); // flags, named groups
          this.at += 2;
        }
        const inner = this.alternation();
        if (this.text[this.at++] !== ")") outside();
        return { kind: "seq", items: [inner] };
      }
      case "[":
        return { kind: "chars", chars: this.charClass() };
      case "\\":
        return { kind: "chars", chars: this.escape() };
      default: {
        const code = char.charCodeAt(0);
        if (!isPrintableAscii(code) || "*+?{}])".includes(char)) outside();
        return { kind: "chars", chars: [[code, code]] };
      }
    }
  }

  /** `\d`, or an escaped ASCII punctuation mark, which RE2 reads as itself. */
  private escape(): Chars {
    const code = this.text.charCodeAt(this.at++);
    if (code === 0x64) return DIGITS;
    if (!isPrintableAscii(code) || isAlnum(code) || code === 0x20) outside();
    return [[code, code]];
  }

  private charClass(): Chars {
    const ranges: Array<[number, number]> = [];
    if (this.peek() === "^" || this.peek() === "]") outside(); // negation, and "]" first, go to RE2
    while (this.peek() !== "]") {
      const low = this.classMember(ranges.length === 0);
      if (this.peek() === "-" && this.text[this.at + 1] !== "]") {
        this.at++;
        const high = this.classMember(false);
        if (high < low) outside();
        ranges.push([low, high]);
        if (this.peek() === "-" && this.text[this.at + 1] !== "]") outside(); // `[a-c-e]`
      } else ranges.push([low, low]);
    }
    this.at++;
    return ranges;
  }

  /** A literal member of a class: printable ASCII, or an escaped punctuation mark. */
  private classMember(first: boolean): number {
    const char = this.text[this.at++];
    if (char === undefined || char === "[") return outside(); // unclosed, or a POSIX class
    if (char === "-" && !first && this.peek() !== "]") return outside();
    if (char === "\\") {
      const code = this.text.charCodeAt(this.at++);
      return !isPrintableAscii(code) || isAlnum(code) || code === 0x20 ? outside() : code; // \d in a class: RE2's
    }
    const code = char.charCodeAt(0);
    return isPrintableAscii(code) ? code : outside();
  }
}

/** Whether a counted repeat (`{2}`, `{0,3}`) is inside: RE2 limits repeats of repeats, so those go to it. */
function hasCountedRepeat(node: Node): boolean {
  switch (node.kind) {
    case "repeat":
      return node.min > 1 || (node.max !== Infinity && node.max > 1) || hasCountedRepeat(node.item);
    case "seq":
      return node.items.some(hasCountedRepeat);
    case "alt":
      return node.options.some(hasCountedRepeat);
    default:
      return false;
  }
}

/** Lays the tree out as NFA states, each pointing at the state after it (built back to front); state 0 is the match. */
function compile(root: Node): { states: State[]; start: number } {
  const states: State[] = [{ kind: "match" }];
  const push = (state: State) => {
    if (states.length >= MAX_STATES) outside();
    return states.push(state) - 1;
  };
  const emit = (node: Node, next: number): number => {
    switch (node.kind) {
      case "chars":
        return push({ kind: "chars", chars: node.chars, next });
      case "begin":
      case "end":
        return push({ kind: node.kind, next });
      case "seq":
        return node.items.reduceRight((after, item) => emit(item, after), next);
      case "alt":
        return node.options.map((option) => emit(option, next)).reduceRight((b, a) => push({ kind: "split", a, b }));
      case "repeat": {
        let start = next;
        if (node.max === Infinity) {
          const loop = push({ kind: "split", a: -1, b: next });
          (states[loop] as { a: number }).a = emit(node.item, loop);
          start = loop;
        } else {
          for (let optional = node.max - node.min; optional > 0; optional--) start = push({ kind: "split", a: emit(node.item, start), b: next });
        }
        for (let required = node.min; required > 0; required--) start = emit(node.item, start);
        return start;
      }
    }
  };
  return { states, start: emit(root, 0) };
}

/** Whether every match must begin at the start of the input (each way through begins with `^`). */
function anchoredAtStart(node: Node): boolean {
  if (node.kind === "begin") return true;
  if (node.kind === "alt") return node.options.every(anchoredAtStart);
  if (node.kind === "seq") return node.items.length > 0 && anchoredAtStart(node.items[0] as Node);
  return false;
}

const inChars = (chars: Chars, code: number) => chars.some(([low, high]) => code >= low && code <= high);

class SimpleMatcher {
  constructor(
    private readonly states: readonly State[],
    private readonly start: number,
    private readonly anchored: boolean,
  ) {}

  /** True when the pattern matches anywhere in `input`, as RE2's test() answers. */
  test(input: string): boolean {
    const seen = new Uint32Array(this.states.length);
    let mark = 0;
    let current: number[] = [];
    let matched = false;
    // Follows splits and assertions from `state` at one position, collecting the states that read a character.
    const add = (list: number[], state: number, position: number): void => {
      if (seen[state] === mark) return;
      seen[state] = mark;
      const at = this.states[state] as State;
      if (at.kind === "match") matched = true;
      else if (at.kind === "chars") list.push(state);
      else if (at.kind === "split") {
        add(list, at.a, position);
        add(list, at.b, position);
      } else if (at.kind === "begin" ? position === 0 : position === input.length) add(list, at.next, position);
    };
    mark++;
    add(current, this.start, 0);
    for (let position = 0; position < input.length && !matched; ) {
      const code = input.codePointAt(position) as number;
      position += code > 0xffff ? 2 : 1;
      const next: number[] = [];
      mark++;
      for (const state of current) {
        const at = this.states[state] as { chars: Chars; next: number };
        if (inChars(at.chars, code)) add(next, at.next, position);
      }
      if (!this.anchored) add(next, this.start, position); // a match may start anywhere
      current = next;
      if (current.length === 0 && this.anchored) break;
    }
    return matched;
  }
}

/** A matcher for `pattern`, or undefined when it is outside the language above (ask RE2). */
export function compileSimplePattern(pattern: string): { test(modelId: string): boolean } | undefined {
  try {
    const root = new Parser(pattern).parse();
    const { states, start } = compile(root);
    return new SimpleMatcher(states, start, anchoredAtStart(root));
  } catch (error) {
    if (error instanceof Outside) return undefined;
    throw error;
  }
}
