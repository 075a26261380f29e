import { Type, type Static } from "@sinclair/typebox";
import { HEADER_NAME_PATTERN, HEADER_VALUE_PATTERN } from "./headers.js";

/*
 * The manifest schema: the single source of truth. TypeBox schemas are JSON Schema, so
 * `schema/extension.schema.json` is this object serialized (see json-schema.ts), and the
 * TypeScript types below are derived from it. Every object rejects unknown keys: a typo in a
 * manifest is an error, never silently ignored config.
 */

const closed = { additionalProperties: false } as const;

const Identifier = Type.String({
  pattern: "^[a-z0-9][a-z0-9-]{0,63}$",
  description: "Lowercase letters, digits and dashes, e.g. `openai-codex`.",
});

const EnvName = Type.String({
  pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
  description: "The name of an environment variable (never its value).",
});

const HeaderName = HEADER_NAME_PATTERN;

// A record's patternProperties alone admits any other key: `additionalProperties: false` is what
// refuses a header name that is not a token (one with CR/LF, a space, a colon).
const LiteralHeaders = Type.Record(Type.String({ pattern: HeaderName }), Type.String({ pattern: HEADER_VALUE_PATTERN }), {
  ...closed,
  description: "Non-secret headers sent as written (e.g. `OpenAI-Beta`). Secrets belong in `auth`.",
});

const Stability = Type.Union([Type.Literal("stable"), Type.Literal("experimental")], {
  description: "`experimental` capabilities are used only when the user's config allows them.",
});

const IssuerPath = Type.String({ pattern: "^/(?!/)", description: "A path on the issuer's origin, e.g. `/oauth/token`." });

/** `auth.oauth`: the sign-in a provider declares (checked by checkOAuth: SY_ERR_MANIFEST_OAUTH_*, SY_ERR_MANIFEST_INSECURE_SCHEME). */
export const OAuthSchema = Type.Object(
  {
    issuer: Type.String({ minLength: 1, description: "The issuer's https:// URL, e.g. `https://auth.openai.com`. Config `oauthIssuer` may move it." }),
    clientId: Type.String({ minLength: 1, description: "The public client id registered for this sign-in (no client secret: native apps have none)." }),
    authorizationEndpoint: IssuerPath,
    tokenEndpoint: IssuerPath,
    deviceAuthorizationEndpoint: Type.Optional(IssuerPath),
    scopes: Type.Array(Type.String({ pattern: "^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$" }), { minItems: 1, uniqueItems: true }),
    redirect: Type.Object(
      {
        host: Type.Optional(Type.String({ minLength: 1, description: "Loopback host of the redirect URI; default `localhost`." })),
        port: Type.Integer({ minimum: 1, maximum: 65535, description: "The port registered at the issuer, e.g. 1455." }),
        path: Type.String({ pattern: "^/", description: "The callback path, e.g. `/auth/callback`." }),
      },
      { ...closed, description: "Where the browser returns: http://host:port/path on a loopback host (RFC 8252)." },
    ),
    authorizeParams: Type.Optional(
      Type.Record(Type.String({ pattern: "^[A-Za-z0-9_.-]+$" }), Type.String(), { description: "Extra authorization request parameters." }),
    ),
    accountClaim: Type.Optional(
      Type.Object(
        {
          claim: Type.String({ minLength: 1, description: "Top-level JWT claim, e.g. `https://api.openai.com/auth`." }),
          field: Type.Optional(Type.String({ minLength: 1, description: "A field inside that claim, e.g. `chatgpt_account_id`." })),
          header: Type.String({ pattern: HeaderName, description: "The request header that carries it, e.g. `chatgpt-account-id`." }),
        },
        { ...closed, description: "The token claim that yields an account header (read from the id token, then the access token)." },
      ),
    ),
    issuerIsCredentialOrigin: Type.Optional(
      Type.Boolean({ description: "Declare that the issuer's origin is also one of `origins` (the linter refuses that otherwise)." }),
    ),
  },
  closed,
);

export const AuthSchema = Type.Object(
  {
    scheme: Type.Union([Type.Literal("bearer"), Type.Literal("header"), Type.Literal("none"), Type.Literal("oauth")], {
      description:
        "`bearer`: Authorization: Bearer <key>; `header`: the key in `header`; `none`: no credential; `oauth`: a bearer from `switchyard login` (an `env` token still wins).",
    }),
    env: Type.Optional(Type.Array(EnvName, { minItems: 1, description: "Variables holding the key; the first one set wins." })),
    header: Type.Optional(Type.String({ pattern: HeaderName, description: "Header name for scheme `header`." })),
    optional: Type.Optional(Type.Boolean({ description: "Send no credential when none is set instead of failing." })),
    headers: Type.Optional(
      Type.Record(
        Type.String({ pattern: HeaderName }),
        Type.Object({ env: EnvName, optional: Type.Optional(Type.Boolean()) }, closed),
        { ...closed, description: "Further credential headers, each read from an environment variable." },
      ),
    ),
    oauth: Type.Optional(OAuthSchema),
  },
  closed,
);

export const ModelsSchema = Type.Object(
  {
    default: Type.Optional(Type.String({ minLength: 1, description: "The model used for a bare `provider` ref." })),
    known: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: "Model ids this provider lists." })),
    aliases: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 }), { description: "alias → model id" }),
    ),
    accept: Type.Optional(
      Type.String({ minLength: 1, description: "A regular expression; model ids matching it are accepted as they are." }),
    ),
  },
  closed,
);

export const HttpCapabilitySchema = Type.Object(
  {
    path: Type.Optional(Type.String({ pattern: "^/", description: "Appended to baseUrl; default: the api's path (`/responses` for Responses)." })),
    headers: Type.Optional(LiteralHeaders),
    stability: Type.Optional(Stability),
  },
  closed,
);

export const WebSocketCapabilitySchema = Type.Object(
  {
    url: Type.Optional(
      Type.String({ description: "The wss:// URL of this provider's WebSocket mode. Required: there is no default." }),
    ),
    stability: Type.Optional(Stability),
    headers: Type.Optional(LiteralHeaders),
    maxConnectionAgeMs: Type.Optional(Type.Integer({ minimum: 1000, description: "Reconnect before the server's age limit." })),
    maxInFlight: Type.Optional(Type.Integer({ minimum: 1, description: "Responses in flight per connection." })),
  },
  closed,
);

export const ProviderSchema = Type.Object(
  {
    id: Identifier,
    name: Type.Optional(Type.String({ minLength: 1 })),
    api: Type.String({ minLength: 1, description: "The wire API this provider speaks, e.g. `openai-responses`." }),
    baseUrl: Type.String({ minLength: 1, description: "HTTP base URL; the HTTP transport posts to baseUrl + path." }),
    baseUrlEnv: Type.Optional(EnvName),
    origins: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: "The only origins this provider's credentials may reach. `:*` allows any port.",
    }),
    auth: Type.Optional(AuthSchema),
    models: ModelsSchema,
    transports: Type.Object(
      { http: Type.Optional(HttpCapabilitySchema), websocket: Type.Optional(WebSocketCapabilitySchema) },
      { ...closed, minProperties: 1 },
    ),
    request: Type.Optional(
      Type.Object(
        {
          store: Type.Optional(Type.Boolean({ description: "Forced value of `store` in every request." })),
          requires: Type.Optional(Type.Array(Type.Literal("instructions"), { uniqueItems: true })),
        },
        closed,
      ),
    ),
  },
  closed,
);

export const ApiSchema = Type.Object(
  {
    id: Identifier,
    description: Type.Optional(Type.String()),
    transports: Type.Array(Type.Union([Type.Literal("http"), Type.Literal("websocket")]), {
      minItems: 1,
      uniqueItems: true,
      description: "The transports that speak this api; its codec says how each frames messages.",
    }),
    httpPath: Type.Optional(Type.String({ pattern: "^/", description: "Default HTTP path after a provider's baseUrl." })),
  },
  closed,
);

export const ManifestSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    manifestVersion: Type.Literal(1),
    id: Identifier,
    version: Type.String({ pattern: "^\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$" }),
    description: Type.Optional(Type.String()),
    hostApi: Type.String({ minLength: 1, description: "A semver range of the host API this extension needs." }),
    entry: Type.Optional(
      Type.String({ minLength: 1, description: "Module with provider hooks, relative to the manifest. Omit for a pure manifest." }),
    ),
    apis: Type.Optional(
      Type.Array(ApiSchema, {
        description: "Wire APIs this extension contributes (codec code in its entry: defineExtension({ apis })).",
      }),
    ),
    providers: Type.Array(ProviderSchema, { minItems: 1 }),
  },
  { ...closed, $id: "https://switchyard.dev/schema/extension.schema.json", title: "Switchyard extension manifest" },
);

export type Manifest = Static<typeof ManifestSchema>;
export type ApiManifest = Static<typeof ApiSchema>;
export type ProviderManifest = Static<typeof ProviderSchema>;
export type AuthManifest = Static<typeof AuthSchema>;
export type OAuthManifest = Static<typeof OAuthSchema>;
export type ModelsManifest = Static<typeof ModelsSchema>;
export type HttpCapability = Static<typeof HttpCapabilitySchema>;
export type WebSocketCapability = Static<typeof WebSocketCapabilitySchema>;
