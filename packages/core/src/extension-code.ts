import { isExtensionDefinition, isSwitchyardError, redactSecrets, SwitchyardError, type ExtensionDefinition, type HookName, type ProviderHooks, type WireApi } from "@switchyard/sdk";
import type { DiscoveredExtension } from "./discovery.js";
import { DEFAULT_HOOK_TIMEOUT_MS } from "./config.js";
import { extensionApiMissing, extensionHookFailed, extensionLoadFailed, hookAborted, hookTimeout, hostClosed, type HookSite } from "./errors.js";
import { checkHookResult } from "./hook-results.js";
import { loadEntry, type EntryModule } from "./load-entry.js";
import { LoadSlices } from "./load-slices.js";
import { notify, type HostHooks } from "./hooks.js";

/** Per call: the turn's abort signal (the host's own close and the hook deadline always apply). */
export interface HookCallOptions {
  signal?: AbortSignal | undefined;
}

/**
 * Extension code, imported lazily on the first use of one of its providers and at most once.
 * A load failure or a throwing hook is wrapped in a coded error naming the extension, provider
 * and hook (as Rollup's PluginDriver does) and reported on the `extensionError` hook; other
 * extensions are unaffected. Every hook (and the entry's import) runs under a deadline, the turn's
 * abort signal and the host's close, so extension code that never settles cannot hang a turn.
 */
const NO_HOOKS: ProviderHooks = Object.freeze({});

export class ExtensionCode {
  private readonly loads = new Map<string, Promise<ExtensionDefinition>>();
  private readonly loaded = new Set<string>();
  /** Definitions already imported, for turns that need no await to reach their hooks. */
  private readonly definitions = new Map<string, ExtensionDefinition>();
  /** Errors this class raised itself (deadline, abort, close, bad result): not wrapped again. */
  private readonly own = new WeakSet<object>();
  private closed = false;
  /**
   * What each running hook does when the host closes. A Set, not a listener per call on one
   * signal: removing one of n listeners from an EventTarget walks the list, so n hooks in flight
   * at once (every provider resolved together at start-up) would cost n².
   */
  private readonly onClose = new Set<() => void>();
  private readonly hookTimeoutMs: number;
  private readonly slices = new LoadSlices();

  constructor(
    private readonly hooks: HostHooks,
    /** Secret values to scrub from whatever extension code says (see knownSecrets). */
    private readonly secrets: string[] = [],
    options: { hookTimeoutMs?: number | undefined } = {},
  ) {
    this.hookTimeoutMs = options.hookTimeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS;
  }

  /** Fails every hook still running with SY_ERR_HOST_CLOSED (host.close() must not wait on them). */
  close(): void {
    this.closed = true;
    for (const fail of [...this.onClose]) fail();
  }

  /** Adds a secret learnt later (a token read from the sign-in store). */
  addSecret(value: string): void {
    if (!this.secrets.includes(value)) this.secrets.push(value);
  }

  /** Removes known secret values from text that extension code produced. */
  scrub(text: string): string {
    return redactSecrets(text, this.secrets);
  }

  /** Whether this extension's code has been imported. */
  isLoaded(extensionId: string): boolean {
    return this.loaded.has(extensionId);
  }

  /** The hooks of one provider (empty for a pure-manifest extension). */
  async providerHooks(extension: DiscoveredExtension, providerId: string): Promise<ProviderHooks> {
    if (extension.entry === undefined) return {};
    return (await this.definition(extension)).providers[providerId] ?? {};
  }

  /** providerHooks() without the await, once the extension's code is in (undefined before: call providerHooks). */
  loadedHooks(extension: DiscoveredExtension, providerId: string): ProviderHooks | undefined {
    if (extension.entry === undefined) return NO_HOOKS;
    const definition = this.definitions.get(extension.manifest.id);
    return definition === undefined ? undefined : (definition.providers[providerId] ?? NO_HOOKS);
  }

  /**
   * The codec of an api the extension's manifest declares, imported with the rest of its code.
   * @throws SY_ERR_EXTENSION_LOAD_FAILED, SY_ERR_EXTENSION_API_MISSING
   */
  async wireApi(extension: DiscoveredExtension, apiId: string): Promise<WireApi> {
    const api = extension.entry === undefined ? undefined : (await this.definition(extension)).apis?.[apiId];
    if (api === undefined) throw this.report(extensionApiMissing(extension.manifest.id, apiId, extension.manifest.entry), undefined, "load");
    return api;
  }

  private definition(extension: DiscoveredExtension): Promise<ExtensionDefinition> {
    let load = this.loads.get(extension.manifest.id);
    if (!load) {
      const id = extension.manifest.id;
      // A failed load is not cached: the next use tries again (e.g. after a rebuild). Loads run in
      // slices of the event loop: loadEntry() is synchronous where Node can require() the module.
      load = this.slices.run(() => this.importEntry(extension)).then(
        (providers) => {
          this.loaded.add(id);
          this.definitions.set(id, providers);
          return providers;
        },
        (error: unknown) => {
          this.loads.delete(id);
          throw error;
        },
      );
      this.loads.set(id, load);
    }
    return load;
  }

  private async importEntry(extension: DiscoveredExtension): Promise<ExtensionDefinition> {
    const id = extension.manifest.id;
    const failed = (what: string, fix: string, extra: Record<string, unknown> = {}, cause?: unknown): SwitchyardError =>
      this.report(extensionLoadFailed(id, what, fix, extra, cause), undefined, "load");
    let module: EntryModule;
    try {
      // A top-level await that never settles would otherwise hang every turn of this extension.
      const site = { extension: id, provider: undefined, hook: "load" };
      module = await this.underDeadline(site, () => loadEntry(extension.entry as string), undefined);
    } catch (error) {
      if (this.own.has(error as object)) throw this.report(error as SwitchyardError, undefined, "load");
      throw failed(
        ` failed to load its entry ${extension.manifest.entry}: ${this.scrub(messageOf(error))}.`,
        "Build the extension and check that its entry module imports cleanly.",
        {},
        this.scrubbedCopy(error),
      );
    }
    const definition = module.default;
    if (!isExtensionDefinition(definition) || definition.id !== id) {
      throw failed(
        `: the default export of ${extension.manifest.entry} is not defineExtension({ id: "${id}", … }).`,
        `export default defineExtension({ id: "${id}", providers: { … } }) from @switchyard/sdk.`,
      );
    }
    const declared = new Set(extension.manifest.providers.map((p) => p.id));
    const stray = Object.keys(definition.providers).filter((providerId) => !declared.has(providerId));
    if (stray.length > 0) {
      throw failed(
        ` registers hooks for providers its manifest does not declare: ${stray.join(", ")}.`,
        "Declare those providers in switchyard.extension.json or remove their hooks.",
        { providers: stray },
      );
    }
    const apis = new Set((extension.manifest.apis ?? []).map((api) => api.id));
    const strayApis = Object.keys(definition.apis ?? {}).filter((apiId) => !apis.has(apiId));
    if (strayApis.length > 0) {
      throw failed(
        ` exports codecs for apis its manifest does not declare: ${strayApis.join(", ")}.`,
        'Declare them in the manifest\'s "apis" (with the transports they speak) or remove them from defineExtension({ apis }).',
        { apis: strayApis },
      );
    }
    for (const api of extension.manifest.apis ?? []) {
      const framing = definition.apis?.[api.id]?.framing;
      const unframed = framing ? api.transports.filter((kind) => framing[kind] === undefined) : [];
      if (unframed.length > 0) {
        throw failed(
          `: api "${api.id}" is declared over ${unframed.join(", ")}, but its codec has no framing for ${unframed.join(", ")}.`,
          `Add framing.${unframed[0]} to the codec, or remove ${unframed.join(", ")} from the api's transports in the manifest.`,
          { apis: [api.id] },
        );
      }
    }
    return definition;
  }

  /**
   * Runs one provider hook under the hook deadline (hookTimeoutMs), the turn's signal and the
   * host's close, then checks its result. `run` gets a signal that aborts on any of those, for the
   * hook to pass on. A SwitchyardError thrown on purpose keeps its code and gains the extension
   * and hook in its details; anything else becomes SY_ERR_EXTENSION_HOOK_FAILED.
   * @throws SY_ERR_EXTENSION_HOOK_FAILED, SY_ERR_EXTENSION_HOOK_TIMEOUT, SY_ERR_EXTENSION_HOOK_ABORTED,
   *   SY_ERR_EXTENSION_HOOK_INVALID_RESULT, SY_ERR_HOST_CLOSED
   */
  async call<N extends HookName, R>(
    extensionId: string,
    providerId: string,
    name: N,
    run: (signal: AbortSignal) => R | Promise<R>,
    options: HookCallOptions = {},
  ): Promise<R> {
    const where = { extension: extensionId, provider: providerId, hook: name };
    let result: R;
    try {
      result = await this.underDeadline(where, run, options.signal);
    } catch (error) {
      if (this.own.has(error as object)) throw this.report(error as SwitchyardError, providerId, name);
      throw this.hookFailure(error, extensionId, providerId, name);
    }
    try {
      checkHookResult(name, where, result);
    } catch (error) {
      throw this.report(error as SwitchyardError, providerId, name);
    }
    return result;
  }

  /**
   * Runs `run` and settles with it, or fails first: at the deadline (SY_ERR_EXTENSION_HOOK_TIMEOUT),
   * when the turn aborts (SY_ERR_EXTENSION_HOOK_ABORTED) or when the host closes (SY_ERR_HOST_CLOSED).
   * The hook's own promise may stay pending forever; nothing waits on it after that.
   */
  private underDeadline<R>(site: HookSite, run: (signal: AbortSignal) => R | Promise<R>, turnSignal: AbortSignal | undefined): Promise<R> {
    if (this.closed) return Promise.reject(this.mark(hostClosed(site)));
    if (turnSignal?.aborted) return Promise.reject(this.mark(hookAborted(site)));
    // Only code that takes the signal gets one (shapeRequest, resolveAuth): an AbortController costs
    // microseconds, paid by every import and every normalizeModelId / classifyError call otherwise.
    const controller = run.length > 0 ? new AbortController() : undefined;
    let result: R | Promise<R>;
    let later: boolean;
    try {
      result = run(controller?.signal as AbortSignal);
      later = isThenable(result);
    } catch (error) {
      return Promise.reject(error);
    }
    // A hook that answered synchronously cannot be late: no deadline, no listeners to set up and take down.
    if (!later) return Promise.resolve(result);
    const pending = Promise.resolve(result);
    const ms = this.hookTimeoutMs;
    return new Promise<R>((resolve, reject) => {
      const fail = (error: SwitchyardError) => {
        settle(() => reject(this.mark(error)));
        controller?.abort(error);
      };
      const onAbort = () => fail(hookAborted(site));
      const onClose = () => fail(hostClosed(site));
      const timer = setTimeout(() => fail(hookTimeout(site, ms)), ms);
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        turnSignal?.removeEventListener("abort", onAbort);
        this.onClose.delete(onClose);
        finish();
      };
      turnSignal?.addEventListener("abort", onAbort, { once: true });
      this.onClose.add(onClose);
      pending.then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(error)),
      );
    });
  }

  /** Records an error this class raised itself, so call() does not wrap it again. */
  private mark(error: SwitchyardError): SwitchyardError {
    this.own.add(error);
    return error;
  }

  /**
   * Runs synchronous extension code (a contributed codec's encode) with the same wrapping as a
   * hook. @throws what the code threw, scrubbed and naming the extension, or SY_ERR_EXTENSION_HOOK_FAILED
   */
  callSync<R>(extensionId: string, providerId: string, name: string, run: () => R): R {
    try {
      return run();
    } catch (error) {
      throw this.hookFailure(error, extensionId, providerId, name);
    }
  }

  private hookFailure(error: unknown, extensionId: string, providerId: string, name: string): SwitchyardError {
    const where = { extension: extensionId, provider: providerId, hook: name };
    // Extension code may put a credential in its message: keep only a scrubbed copy, never the original.
    const cause = this.scrubbedCopy(error);
    const wrapped = isSwitchyardError(error)
      ? new SwitchyardError(error.code, `Extension "${extensionId}" hook ${name} (provider "${providerId}"): ${withoutFix(cause.message, error.fix)}`, {
          fix: error.fix,
          cause,
          details: { ...(error as SwitchyardError).details, ...where },
        })
      : extensionHookFailed(where, cause);
    return this.report(wrapped, providerId, name);
  }

  private scrubbedCopy(error: unknown): Error {
    const copy = new Error(this.scrub(messageOf(error)));
    copy.name = error instanceof Error ? error.name : "Error";
    copy.stack = error instanceof Error && error.stack ? this.scrub(error.stack) : copy.stack;
    return copy;
  }

  private report(error: SwitchyardError, provider: string | undefined, hook: string): SwitchyardError {
    const extension = String(error.details.extension ?? "");
    const tap = this.hooks.extensionError;
    if (tap.isUsed()) notify(() => tap.call({ extension, provider, hook, code: error.code, message: error.message }));
    return error;
  }
}

function isThenable(value: unknown): boolean {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}

function withoutFix(message: string, fix: string | undefined): string {
  return fix && message.endsWith(` Fix: ${fix}`) ? message.slice(0, -` Fix: ${fix}`.length) : message;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
