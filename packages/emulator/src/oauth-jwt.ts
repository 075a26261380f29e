/**
 * RS256 JWTs for the emulator's issuer, with node:crypto only (the emulator depends on `ws` and
 * nothing else). RS256 because that is what ChatGPT's issuer signs with, so clients that check the
 * algorithm see the real one. The key pair is made once per process, on first use: each emulator
 * still trusts only its own tokens, because verification also checks `iss` (its own URL).
 */
import { createSign, createVerify, generateKeyPairSync, type KeyObject } from "node:crypto";

let keys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  keys ??= generateKeyPairSync("rsa", { modulusLength: 2048 });
  return keys;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Signs `claims` as a compact JWS. */
export function signJwt(claims: Record<string, unknown>): string {
  const input = `${encode({ alg: "RS256", typ: "JWT", kid: "emulator" })}.${encode(claims)}`;
  const signature = createSign("RSA-SHA256").update(input).sign(keyPair().privateKey).toString("base64url");
  return `${input}.${signature}`;
}

/** True when `token` has the three dot-separated base64url parts of a compact JWS with a JSON header. */
export function looksLikeJwt(token: string): boolean {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((part) => /^[A-Za-z0-9_-]+$/.test(part))) return false;
  return decodePart(parts[0] as string) !== undefined;
}

/** The claims of a JWT this process signed, or undefined when the signature does not verify. */
export function verifiedClaims(token: string): Record<string, unknown> | undefined {
  const [header, payload, signature] = token.split(".");
  if (header === undefined || payload === undefined || signature === undefined) return undefined;
  const ok = createVerify("RSA-SHA256").update(`${header}.${payload}`).verify(keyPair().publicKey, Buffer.from(signature, "base64url"));
  return ok ? decodePart(payload) : undefined;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
