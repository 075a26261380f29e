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

  /**
   * The codec of `apiId` for a turn of `provider`. A contributed codec's encode runs guarded like
   * a hook, so a throw is a coded error naming the extension (decode throws are malformed frames).
   * @throws SY_ERR_EXTENSION_API_MISSING, SY_ERR_EXTENSION_LOAD_FAILED
   */
  get(apiId: string, provider: string): WireApi | Promise<WireApi> {
    // A shipped codec is returned as is (no await per turn); a contributed one may have to import its extension.
    if (!this.contributed.has(apiId)) {
      const codec = Object.hasOwn(this.builtin, apiId) ? this.builtin[apiId] : undefined;
      if (!codec) throw extensionApiMissing(undefined, apiId, undefined);
      return codec;
    }
    return this.contributedCodec(apiId, provider);
  }

  private async contributedCodec(apiId: string, provider: string): Promise<WireApi> {
    const extension = this.contributed.get(apiId) as DiscoveredExtension;
    const codec = await this.code.wireApi(extension, apiId);
    const extensionId = extension.manifest.id;
    // Named members, not a spread: a codec may be a class instance with methods on its prototype.
    return {
      id: codec.id,
      framing: codec.framing,
      ...(codec.continues === undefined ? {} : { continues: codec.continues }),
      createDecoder: (options) => codec.createDecoder(options),
      encode: (turn) => this.code.callSync(extensionId, provider, `apis.${apiId}.encode`, () => codec.encode(turn)),
    };
  }
}
