import type { WireApi } from "@switchyard/sdk";
import type { DiscoveredExtension } from "./discovery.js";
import { extensionApiMissing } from "./errors.js";
import type { ExtensionCode } from "./extension-code.js";

/**
 * The codecs a host can use: the shipped apis' codecs (injected where the host is created) and
 * the ones extensions contribute, imported with the extension's code on the first turn that
 * needs them. Which api a provider speaks was checked at load (refuseUnknownApis).
 */
export class WireApis {
  private readonly contributed = new Map<string, DiscoveredExtension>();

  constructor(
    private readonly builtin: Readonly<Record<string, WireApi>>,
    extensions: readonly DiscoveredExtension[],
    private readonly code: ExtensionCode,
  ) {
    for (const extension of extensions) {
      for (const api of extension.manifest.apis ?? []) this.contributed.set(api.id, extension);
    }
  }

  /** The codec of `apiId`. @throws SY_ERR_EXTENSION_API_MISSING, SY_ERR_EXTENSION_LOAD_FAILED */
  async get(apiId: string): Promise<WireApi> {
    const extension = this.contributed.get(apiId);
    if (extension) return this.code.wireApi(extension, apiId);
    const codec = Object.hasOwn(this.builtin, apiId) ? this.builtin[apiId] : undefined;
    if (!codec) throw extensionApiMissing(undefined, apiId, undefined);
    return codec;
  }
}
