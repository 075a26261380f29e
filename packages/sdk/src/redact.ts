/** What a secret value is replaced with in every error, log line and output of Switchyard. */
export const REDACTED = "‹redacted›";

/**
 * Replaces every occurrence of each secret value in `text` with ‹redacted›. Values shorter than 4
 * characters are left alone: they would blank out ordinary words and protect nothing.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  return result;
}
