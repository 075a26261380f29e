import type { AuthManifest } from "@switchyard/sdk";
import { authMissing } from "./errors.js";

/** Credential headers for one request, with which names are secret and how to show them. */
export interface Credentials {
  headers: Record<string, string>;
  /** Lowercased header names whose values are secrets. */
  secretHeaders: string[];
  /** The same headers with secret values replaced by where they come from: safe to print. */
  display: Record<string, string>;
  /** Environment variables that must be set but are not (credentials cannot be sent). */
  missing: string[];
  /** True when the bearer (and account header) come from the sign-in store at request time. */
  signIn?: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the manifest's `auth` from the environment. Never throws; see `requireCredentials`. */
export function readCredentials(auth: AuthManifest | undefined, env: Env): Credentials {
  const credentials: Credentials = { headers: {}, secretHeaders: [], display: {}, missing: [] };
  if (!auth || auth.scheme === "none") return credentials;
  const names = auth.env ?? [];
  const found = names.find((name) => nonEmpty(env[name]));
  const bearer = auth.scheme === "bearer" || auth.scheme === "oauth";
  const headerName = bearer ? "authorization" : (auth.header ?? "authorization").toLowerCase();
  // An oauth provider signs in through the store; a token in its env variables still wins.
  const signIn = auth.scheme === "oauth" && auth.oauth !== undefined && !found;
  if (found) {
    const value = env[found] as string;
    add(credentials, headerName, bearer ? `Bearer ${value}` : value, bearer ? `Bearer ‹$${found}›` : `‹$${found}›`);
  } else if (signIn) {
    credentials.signIn = true;
    credentials.display[headerName] = "Bearer ‹sign-in›";
    const claim = auth.oauth?.accountClaim;
    if (claim) credentials.display[claim.header.toLowerCase()] = `‹sign-in: ${claim.field ?? claim.claim}›`;
  } else if (!auth.optional && names.length > 0) {
    credentials.missing.push(names.join(" or "));
    credentials.display[headerName] = `‹missing: set ${names.join(" or ")}›`;
  }
  const claimHeader = signIn ? auth.oauth?.accountClaim?.header.toLowerCase() : undefined;
  for (const [header, source] of Object.entries(auth.headers ?? {})) {
    if (header.toLowerCase() === claimHeader) continue; // the sign-in's account claim names it
    const value = env[source.env];
    if (nonEmpty(value)) add(credentials, header.toLowerCase(), value, `‹$${source.env}›`);
    else if (!source.optional && !signIn) {
      credentials.missing.push(source.env);
      credentials.display[header.toLowerCase()] = `‹missing: set ${source.env}›`;
    }
  }
  return credentials;
}

/** @throws SY_ERR_AUTH_MISSING naming the environment variables to set. */
export function requireCredentials(credentials: Credentials, provider: string): void {
  if (credentials.missing.length === 0) return;
  throw authMissing(provider, credentials.missing);
}

/** The last credentials read per auth declaration, with the environment values they came from. */
const lastRead = new WeakMap<AuthManifest, { env: Env; values: string; credentials: Credentials }>();

/**
 * readCredentials() for every turn: the environment is read each time (a rotated key is picked
 * up on the next turn), but the credentials are rebuilt only when a value changed. The result is
 * shared between turns: callers must not modify it.
 */
export function currentCredentials(auth: AuthManifest | undefined, env: Env): Credentials {
  if (!auth || auth.scheme === "none") return readCredentials(auth, env);
  let values = "";
  for (const name of auth.env ?? []) values += `${env[name] ?? ""}\0`;
  if (auth.headers) for (const source of Object.values(auth.headers)) values += `${env[source.env] ?? ""}\0`;
  const last = lastRead.get(auth);
  if (last && last.env === env && last.values === values) return last.credentials;
  const credentials = readCredentials(auth, env);
  lastRead.set(auth, { env, values, credentials });
  return credentials;
}

function add(credentials: Credentials, name: string, value: string, display: string): void {
  credentials.headers[name] = value;
  credentials.secretHeaders.push(name);
  credentials.display[name] = display;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== "";
}

/**
 * Every secret value the host can know in advance: the values of the environment variables named
 * by any provider's `auth`, and config header values. Scrubbed from messages extension code
 * produces. (A secret a resolveAuth hook fetches itself is unknown until it returns.)
 */
export function knownSecrets(
  auths: Iterable<AuthManifest | undefined>,
  configHeaders: Iterable<Readonly<Record<string, string>>>,
  env: Env,
): string[] {
  const secrets = new Set<string>();
  for (const auth of auths) {
    const names = [...(auth?.env ?? []), ...Object.values(auth?.headers ?? {}).map((source) => source.env)];
    for (const name of names) {
      const value = env[name];
      if (nonEmpty(value)) secrets.add(value);
    }
  }
  for (const headers of configHeaders) for (const value of Object.values(headers)) if (nonEmpty(value)) secrets.add(value);
  return [...secrets];
}
