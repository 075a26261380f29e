import { apiCatalog, credentialOrigin, type ProviderManifest } from "@switchyard/sdk";
import type { HostConfig } from "./config.js";
import type { DiscoveredExtension } from "./discovery.js";
import { compileModelTable, type ModelTable } from "./model.js";
import { settleProvider, type ProviderSettings } from "./provider-settings.js";

/** One loaded provider: its manifest, compiled model table and effective settings. */
export interface ProviderRecord {
  id: string;
  extension: DiscoveredExtension;
  manifest: ProviderManifest;
  models: ModelTable;
  settings: ProviderSettings;
}

/** Builds the provider table once, at host creation: everything a resolve needs, precomputed. */
export function buildRegistry(
  extensions: readonly DiscoveredExtension[],
  config: HostConfig,
  env: Readonly<Record<string, string | undefined>>,
): Map<string, ProviderRecord> {
  const owners = new Map<string, string>();
  for (const extension of extensions) {
    for (const provider of extension.manifest.providers) {
      for (const origin of provider.origins) {
        const canonical = origin.endsWith(":*") ? undefined : credentialOrigin(origin);
        if (canonical && !owners.has(canonical)) owners.set(canonical, provider.id);
      }
    }
  }
  const apis = apiCatalog(extensions.map((extension) => extension.manifest));
  const records = new Map<string, ProviderRecord>();
  for (const extension of extensions) {
    for (const manifest of extension.manifest.providers) {
      records.set(manifest.id, {
        id: manifest.id,
        extension,
        manifest,
        models: compileModelTable(manifest),
        settings: settleProvider(manifest, config.providers[manifest.id], env, owners, apis),
      });
    }
  }
  return records;
}
