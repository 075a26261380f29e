/**
 * URLs never carry userinfo (`https://user:password@host`): a manifest or config is committed and
 * printed, so a credential written into a URL leaks. Refused at load; redacted if one reaches output.
 */

const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi;

/** True when `url` parses and has a user name or password. */
export function hasUrlCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== "" || parsed.password !== "";
  } catch {
    // An unparsable URL is reported elsewhere; still refuse what looks like userinfo.
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url);
  }
}

/** Replaces the userinfo of every URL in `text` with `‹redacted›`. */
export function redactUrlCredentials(text: string): string {
  return text.replace(USERINFO, "$1‹redacted›@");
}
