/**
 * Shapes of credentials that must never be written into a manifest. Vendor prefixes first (exact,
 * no false positives), then a generic test for long random-looking tokens.
 */
const VENDOR_SHAPES: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  // OpenAI (sk-…, sk-proj-…, sk-svcacct-…) and look-alikes such as Anthropic's sk-ant-….
  { kind: "an sk- API key", pattern: /(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}/ },
  { kind: "an xAI API key", pattern: /(?<![A-Za-z0-9])xai-[A-Za-z0-9_-]{16,}/ },
  { kind: "a bearer token", pattern: /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/i },
  { kind: "a JWT", pattern: /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/ },
];

const TOKEN = /[A-Za-z0-9_+=-]{32,}/g;
// Random base64/hex keys of 32+ characters carry ≥ 3.5 bits per character; identifiers and words do not.
const MIN_ENTROPY_BITS = 3.5;

export interface SecretMatch {
  kind: string;
  /** The matched text, for masking only: never print it. */
  secret: string;
}

/** The first secret-looking part of `value`, or undefined. */
export function findSecret(value: string): SecretMatch | undefined {
  for (const { kind, pattern } of VENDOR_SHAPES) {
    const match = pattern.exec(value);
    if (match) return { kind, secret: match[0] };
  }
  for (const match of value.matchAll(TOKEN)) {
    const token = match[0];
    // Dash- or underscore-separated words (model ids with dates, env names) are identifiers, not keys.
    const longestRun = longestWord(token);
    if (longestRun < 20) continue;
    if (/[0-9]/.test(token) && /[A-Za-z]/.test(token) && shannonEntropy(token) >= MIN_ENTROPY_BITS) {
      return { kind: "a long high-entropy token", secret: token };
    }
  }
  return undefined;
}

/** First four characters and an ellipsis: enough to find it, never enough to use it. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}

/** The longest run without a separator; a loop, since spreading a huge split into Math.max overflows the stack. */
function longestWord(token: string): number {
  let longest = 0;
  let run = 0;
  for (let index = 0; index < token.length; index++) {
    const code = token.charCodeAt(index);
    // _ = + -
    if (code === 0x5f || code === 0x3d || code === 0x2b || code === 0x2d) run = 0;
    else if (++run > longest) longest = run;
  }
  return longest;
}

function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
