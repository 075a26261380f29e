import { providerAcceptPattern, type AcceptMatcher, type ProviderManifest } from "@switchyard/sdk";
import { modelUnknown, refInvalid } from "./errors.js";

/** What the manifest says about a provider's models, compiled once at load. */
export interface ModelTable {
  default: string | undefined;
  known: ReadonlySet<string>;
  aliases: Readonly<Record<string, string>>;
  /** RE2 semantics: matching is linear in the id, whatever the pattern. */
  accept: AcceptMatcher | undefined;
  acceptSource: string | undefined;
}

export function compileModelTable(provider: ProviderManifest): ModelTable {
  // Compiled already by the load check on this same provider object.
  const accept = providerAcceptPattern(provider);
  return {
    default: provider.models.default,
    // An alias target is a model the provider declares, so normalizing it again keeps it.
    known: new Set([
      ...(provider.models.known ?? []),
      ...(provider.models.default ? [provider.models.default] : []),
      ...Object.values(provider.models.aliases ?? {}),
    ]),
    aliases: Object.freeze({ ...provider.models.aliases }),
    accept: accept?.ok ? accept.matcher : undefined,
    acceptSource: provider.models.accept,
  };
}

/**
 * The manifest's part of model normalization: an alias maps to its target; a known id or one the
 * `accept` pattern matches stays as it is. Returns undefined when the manifest does not recognise
 * the id (the provider's normalizeModelId hook is asked next).
 */
export function normalizeWithManifest(table: ModelTable, modelId: string): string | undefined {
  if (Object.hasOwn(table.aliases, modelId)) {
    // Follow a chain to its end so normalization is idempotent; a cycle names no model.
    const seen = new Set<string>();
    let current = modelId;
    while (Object.hasOwn(table.aliases, current)) {
      if (seen.has(current)) return undefined;
      seen.add(current);
      current = table.aliases[current] as string;
    }
    return current;
  }
  if (table.known.has(modelId)) return modelId;
  if (table.accept?.test(modelId)) return modelId;
  return undefined;
}

/** Splits `provider/model`; the model part may itself contain slashes. @throws SY_ERR_REF_INVALID */
export function parseRef(ref: string): { provider: string; model: string | undefined } {
  if (typeof ref !== "string" || ref.trim() === "") {
    throw refInvalid(ref);
  }
  const slash = ref.indexOf("/");
  if (slash === -1) return { provider: ref, model: undefined };
  const provider = ref.slice(0, slash);
  const model = ref.slice(slash + 1);
  if (provider === "" || model === "") {
    throw refInvalid(ref);
  }
  return { provider, model };
}

export function unknownModel(providerId: string, modelId: string | undefined, table: ModelTable) {
  const known = [...table.known, ...Object.keys(table.aliases).map((alias) => `${alias} (→ ${table.aliases[alias]})`)];
  return modelUnknown(providerId, modelId, known, table.acceptSource);
}
