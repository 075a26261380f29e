import { BUILTIN_APIS, HOST_API_VERSION, MANIFEST_FILE_NAME, credentialOrigin } from "@switchyard/sdk";

/** What `switchyard new extension` was asked for, already validated. */
export interface ExtensionTemplateOptions {
  id: string;
  api: string;
  baseUrl: string;
  /** The websocket URL, when the provider declares the WebSocket mode. */
  websocketUrl: string | undefined;
  /** Version range of the @switchyard/* packages the project depends on (this CLI's). */
  switchyardRange: string;
}

/** The files of a new extension project, by path relative to its folder. */
export function extensionProjectFiles(options: ExtensionTemplateOptions): Record<string, string> {
  return {
    "package.json": json(packageJson(options)),
    [MANIFEST_FILE_NAME]: json(manifest(options)),
    "src/index.ts": entrySource(options),
    "test/conformance.test.ts": conformanceTest(),
    "test/hooks.test.ts": hooksTest(options),
    "tsconfig.json": json(tsconfig()),
    "README.md": readme(options),
    ".gitignore": "node_modules/\ndist/\n",
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function envName(id: string): string {
  return `${id.toUpperCase().replace(/-/g, "_")}_API_KEY`;
}

function packageJson(options: ExtensionTemplateOptions): Record<string, unknown> {
  return {
    name: `switchyard-extension-${options.id}`,
    version: "0.1.0",
    description: `Switchyard provider extension for ${options.id}.`,
    keywords: ["switchyard", "switchyard-extension"],
    type: "module",
    license: "MIT",
    engines: { node: ">=20.12" },
    // The manifest is read from the package root without running code; the entry is built JS.
    exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./switchyard.extension.json": "./switchyard.extension.json", "./package.json": "./package.json" },
    files: [MANIFEST_FILE_NAME, "dist", "README.md"],
    scripts: {
      build: "tsc",
      pretest: "tsc",
      test: "vitest run",
      prelint: "tsc",
      lint: "switchyard lint --check-entry .",
      prepack: "tsc",
    },
    dependencies: { "@switchyard/sdk": options.switchyardRange },
    devDependencies: {
      "@switchyard/cli": options.switchyardRange,
      "@switchyard/testkit": options.switchyardRange,
      typescript: "~5.9.3",
      vitest: "^4.1.12",
    },
  };
}

function manifest(options: ExtensionTemplateOptions): Record<string, unknown> {
  const origins = [...new Set([options.baseUrl, options.websocketUrl].filter((url): url is string => url !== undefined).map((url) => credentialOrigin(url)))];
  const transports: Record<string, unknown> = { http: { path: BUILTIN_APIS[options.api]?.httpPath ?? "/responses" } };
  if (options.websocketUrl) transports["websocket"] = { url: options.websocketUrl, stability: "experimental", maxInFlight: 1 };
  return {
    $schema: "./node_modules/@switchyard/sdk/schema/extension.schema.json",
    manifestVersion: 1,
    id: options.id,
    version: "0.1.0",
    description: `The ${options.id} provider.`,
    hostApi: `^${HOST_API_VERSION}`,
    entry: "./dist/index.js",
    providers: [
      {
        id: options.id,
        name: options.id,
        api: options.api,
        baseUrl: options.baseUrl,
        origins,
        auth: { scheme: "bearer", env: [envName(options.id)] },
        models: { default: `${options.id}-large`, known: [`${options.id}-large`, `${options.id}-small`], aliases: { large: `${options.id}-large` } },
        transports,
        // The Codex dialect refuses stored responses and requests without instructions.
        ...(options.api === "openai-codex-responses" ? { request: { store: false, requires: ["instructions"] } } : {}),
      },
    ],
  };
}

function entrySource(options: ExtensionTemplateOptions): string {
  return `import { defineExtension, type ProviderErrorInfo } from "@switchyard/sdk";

/**
 * A rate limit is not a transport fault: falling back from the websocket to HTTP would hit the
 * same limit, so the turn fails with the provider's error instead.
 */
export function classifyRateLimit(error: ProviderErrorInfo): { fallback: boolean } | undefined {
  return error.status === 429 ? { fallback: false } : undefined;
}

// The id and provider ids must match ${MANIFEST_FILE_NAME}; \`switchyard lint --check-entry\` checks it.
export default defineExtension({
  id: ${JSON.stringify(options.id)},
  providers: {
    ${JSON.stringify(options.id)}: {
      classifyError: classifyRateLimit,
    },
  },
});
`;
}

function conformanceTest(): string {
  return `import { fileURLToPath } from "node:url";
import { describeConformance } from "@switchyard/testkit";

// Loads this folder as the host would and holds text and tool-call turns on every declared
// transport against the local emulator (127.0.0.1, no network).
describeConformance({ extension: fileURLToPath(new URL("..", import.meta.url)) });
`;
}

function hooksTest(options: ExtensionTemplateOptions): string {
  return `import { describe, expect, it } from "vitest";
import extension, { classifyRateLimit } from "../src/index.js";

describe("${options.id} hooks", () => {
  it("keeps a rate-limited turn from falling back to HTTP", () => {
    expect(classifyRateLimit({ code: "SY_ERR_TRANSPORT_UPGRADE_REJECTED", message: "429", transport: "websocket", phase: "connect", status: 429 })).toEqual({ fallback: false });
  });

  it("leaves other failures to the host's default", () => {
    expect(classifyRateLimit({ code: "SY_ERR_TRANSPORT_CONNECT_FAILED", message: "refused", transport: "websocket", phase: "connect" })).toBeUndefined();
  });

  it("registers the hook for the provider the manifest declares", () => {
    expect(extension.providers[${JSON.stringify(options.id)}]?.classifyError).toBe(classifyRateLimit);
  });
});
`;
}

function tsconfig(): Record<string, unknown> {
  return {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      declaration: true,
      skipLibCheck: true,
      types: [],
      rootDir: "src",
      outDir: "dist",
    },
    include: ["src"],
  };
}

function readme(options: ExtensionTemplateOptions): string {
  return `# switchyard-extension-${options.id}

A [Switchyard](https://www.npmjs.com/package/@switchyard/core) provider extension for \`${options.id}\`
(api \`${options.api}\`${options.websocketUrl ? ", HTTP streaming and WebSocket mode" : ", HTTP streaming"}).

- \`${MANIFEST_FILE_NAME}\`: what the host reads without running code: base URL, credential
  origins, models, transports. JSON only (no comments); \`$schema\` gives editors completion.
- \`src/index.ts\`: the hooks (\`defineExtension\`), built to \`dist/index.js\` (the manifest's \`entry\`).
- \`test/\`: the conformance suite against the local emulator, and the hooks' unit tests.

\`\`\`sh
npm install
npm test        # builds, then runs the conformance suite (real sockets on 127.0.0.1)
npm run lint    # builds, then switchyard lint --check-entry .
\`\`\`

Credentials are read from \`${envName(options.id)}\`. Use it from a host:

\`\`\`ts
import { createHost } from "@switchyard/core";
const host = await createHost({ extensions: ["switchyard-extension-${options.id}"] });
\`\`\`

Publish with \`npm publish\` (\`prepack\` builds \`dist\`).
`;
}
