import type { ProviderManifest } from "../manifest-schema.js";

/** Every URL a provider declares (baseUrl, the websocket url, each origin as written) with its JSON pointer. */
export function providerUrls(provider: ProviderManifest, index: number): Array<[path: string, url: string]> {
  const at = `/providers/${index}`;
  const websocket = provider.transports.websocket?.url;
  return [
    [`${at}/baseUrl`, provider.baseUrl],
    ...(websocket === undefined ? [] : [[`${at}/transports/websocket/url`, websocket] as [string, string]]),
    ...provider.origins.map((origin, i): [string, string] => [`${at}/origins/${i}`, origin]),
  ];
}
