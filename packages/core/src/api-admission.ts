import { apiCatalog, checkApis } from "@switchyard/sdk";
import { toLoadProblem, type DiscoveredExtension, type LoadProblem } from "./discovery.js";

/**
 * Keeps the extensions whose providers speak an api the host ships or a discovered extension
 * declares, over transports that speak it. The others become load problems
 * (SY_ERR_MANIFEST_UNKNOWN_API). An extension whose api a refused extension declared is refused
 * in the next round, so no provider is left pointing at an api nobody provides.
 */
export function refuseUnknownApis(extensions: readonly DiscoveredExtension[], problems: LoadProblem[]): DiscoveredExtension[] {
  let kept = [...extensions];
  for (;;) {
    const catalog = apiCatalog(kept.map((extension) => extension.manifest));
    const next: DiscoveredExtension[] = [];
    for (const extension of kept) {
      const errors = checkApis(extension.manifest, catalog).filter((p) => p.severity === "error");
      if (errors.length === 0) next.push(extension);
      else problems.push(toLoadProblem(extension.file, extension.manifest.id, errors));
    }
    if (next.length === kept.length) return next;
    kept = next;
  }
}
