/** A valid one-provider manifest, built fresh per call so cases can change it freely. */
export function manifest(provider: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    manifestVersion: 1,
    id: "acme",
    version: "1.0.0",
    hostApi: "^0.1.0",
    ...top,
    providers: [
      {
        id: "acme",
        api: "openai-responses",
        baseUrl: "https://api.acme.test/v1",
        origins: ["https://api.acme.test"],
        auth: { scheme: "bearer", env: ["ACME_API_KEY"] },
        models: { default: "acme-1", known: ["acme-1", "acme-2"] },
        transports: { http: { path: "/responses" } },
        ...provider,
      },
    ],
  };
}

/** The same manifest with a websocket capability added to its transports. */
export function withWebsocket(websocket: Record<string, unknown>, provider: Record<string, unknown> = {}): Record<string, unknown> {
  return manifest({ transports: { http: { path: "/responses" }, websocket }, ...provider });
}
