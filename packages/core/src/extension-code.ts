import { pathToFileURL } from "node:url";
import { isExtensionDefinition, isSwitchyardError, SwitchyardError, type HookName, type ProviderHooks } from "@switchyard/sdk";
import type { DiscoveredExtension } from "./discovery.js";
import { CoreErrorCode, coreError } from "./errors.js";
import type { HostHooks } from "./hooks.js";

/**
 * Extension code, imported lazily on the first use of one of its providers and at most once.
 * A load failure or a throwing hook is wrapped in a coded error naming the extension, provider
 * and hook (as Rollup's PluginDriver does) and reported on the `extensionError` hook; other
 * extensions are unaffected.
 */
export class ExtensionCode {
  private readonly loads = new Map<string, Promise<Readonly<Record<string, ProviderHooks>>>>();

  constructor(private readonly hooks: HostHooks) {}

  /** Whether this extension's code has been imported. */
  isLoaded(extensionId: string): boolean {
    return this.loads.has(extensionId);
  }

  /** The hooks of one provider (empty for a pure-manifest extension). */
  async providerHooks(extension: DiscoveredExtension, providerId: string): Promise<ProviderHooks> {
    if (extension.entry === undefined) return {};
    let load = this.loads.get(extension.manifest.id);
    if (!load) {
      load = this.importEntry(extension);
      this.loads.set(extension.manifest.id, load);
    }
    return (await load)[providerId] ?? {};
  }

  private async importEntry(extension: DiscoveredExtension): Promise<Readonly<Record<string, ProviderHooks>>> {
    const id = extension.manifest.id;
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(extension.entry as string).href)) as { default?: unknown };
    } catch (error) {
      throw this.report(
        coreError(
          CoreErrorCode.extensionLoadFailed,
          `Extension "${id}" failed to load its entry ${extension.manifest.entry}: ${messageOf(error)}.`,
          "Build the extension and check that its entry module imports cleanly.",
          { extension: id, hook: "load" },
          error,
        ),
        undefined,
        "load",
      );
    }
    const definition = module.default;
    const declared = new Set(extension.manifest.providers.map((p) => p.id));
    if (!isExtensionDefinition(definition) || definition.id !== id) {
      throw this.report(
        coreError(
          CoreErrorCode.extensionLoadFailed,
          `Extension "${id}": the default export of ${extension.manifest.entry} is not defineExtension({ id: "${id}", … }).`,
          `export default defineExtension({ id: "${id}", providers: { … } }) from @switchyard/sdk.`,
          { extension: id, hook: "load" },
        ),
        undefined,
        "load",
      );
    }
    const stray = Object.keys(definition.providers).filter((providerId) => !declared.has(providerId));
    if (stray.length > 0) {
      throw this.report(
        coreError(
          CoreErrorCode.extensionLoadFailed,
          `Extension "${id}" registers hooks for providers its manifest does not declare: ${stray.join(", ")}.`,
          "Declare those providers in switchyard.extension.json or remove their hooks.",
          { extension: id, hook: "load", providers: stray },
        ),
        undefined,
        "load",
      );
    }
    return definition.providers;
  }

  /**
   * Runs one provider hook. A SwitchyardError thrown on purpose keeps its code and gains the
   * extension and hook in its details; anything else becomes SY_ERR_EXTENSION_HOOK_FAILED.
   */
  async call<N extends HookName, R>(extensionId: string, providerId: string, name: N, run: () => R | Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      const where = { extension: extensionId, provider: providerId, hook: name };
      const wrapped = isSwitchyardError(error)
        ? new SwitchyardError(error.code, `Extension "${extensionId}" hook ${name} (provider "${providerId}"): ${error.message}`, {
            cause: error,
            details: { ...(error as SwitchyardError).details, ...where },
          })
        : coreError(
            CoreErrorCode.extensionHookFailed,
            `Extension "${extensionId}" hook ${name} for provider "${providerId}" threw: ${messageOf(error)}.`,
            `Fix the ${name} hook in extension "${extensionId}"; other providers are unaffected.`,
            where,
            error,
          );
      throw this.report(wrapped, providerId, name);
    }
  }

  private report(error: SwitchyardError, provider: string | undefined, hook: string): SwitchyardError {
    const extension = String(error.details.extension ?? "");
    if (this.hooks.extensionError.isUsed()) {
      this.hooks.extensionError.call({ extension, provider, hook, code: error.code, message: error.message });
    }
    return error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
