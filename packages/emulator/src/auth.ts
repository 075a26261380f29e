/**
 * The emulator's auth rule: any non-empty `Authorization: Bearer <token>` is accepted; the token
 * is never stored or compared, so tests can use any key and no secret lands in stats.
 */
export function hasBearer(header: string | undefined): boolean {
  return typeof header === "string" && /^Bearer\s+\S+/i.test(header.trim());
}
