/**
 * HTTP field checks (RFC 9110 §5.1, §5.5), shared by the manifest schema, the host config and the
 * results of resolveAuth hooks, so a bad header is refused where it is written, never at send time.
 */

/** An RFC 9110 token: what a field name must be. */
export const HEADER_NAME_PATTERN = "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$";
/** No control characters except horizontal tab (CR and LF would split the request). */
export const HEADER_VALUE_PATTERN = "^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]*$";

const NAME = new RegExp(HEADER_NAME_PATTERN);
const VALUE = new RegExp(HEADER_VALUE_PATTERN);

/** True for a valid field name. */
export function isHeaderName(name: string): boolean {
  return NAME.test(name);
}

/** True for a field value a client may send (no CR, LF, NUL or other control characters). */
export function isHeaderValue(value: string): boolean {
  return VALUE.test(value);
}

/** A header name for messages: quoted with control characters escaped, so output stays one line. */
export function showHeaderName(name: string): string {
  return JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
}
