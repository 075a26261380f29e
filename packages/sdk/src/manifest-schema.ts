import { Type, type Static } from "@sinclair/typebox";

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

const HeaderName = "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$";

const LiteralHeaders = Type.Record(Type.String({ pattern: HeaderName }), Type.String(), {
  description: "Non-secret headers sent as written (e.g. `OpenAI-Beta`). Secrets belong in `auth`.",
});

const Stability = Type.Union([Type.Literal("stable"), Type.Literal("experimental")], {
  description: "`experimental` capabilities are used only when the user's config allows them.",
});

export const AuthSchema = Type.Object(
  {
    scheme: Type.Union([Type.Literal("bearer"), Type.Literal("header"), Type.Literal("none")], {
      description: "`bearer`: Authorization: Bearer <key>; `header`: the key in `header`; `none`: no credential.",
    }),
    env: Type.Optional(Type.Array(EnvName, { minItems: 1, description: "Variables holding the key; the first one set wins." })),
    header: Type.Optional(Type.String({ pattern: HeaderName, description: "Header name for scheme `header`." })),
    optional: Type.Optional(Type.Boolean({ description: "Send no credential when none is set instead of failing." })),
    headers: Type.Optional(
      Type.Record(
        Type.String({ pattern: HeaderName }),
        Type.Object({ env: EnvName, optional: Type.Optional(Type.Boolean()) }, closed),
        { description: "Further credential headers, each read from an environment variable." },
      ),
    ),
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
export type ModelsManifest = Static<typeof ModelsSchema>;
export type HttpCapability = Static<typeof HttpCapabilitySchema>;
export type WebSocketCapability = Static<typeof WebSocketCapabilitySchema>;
