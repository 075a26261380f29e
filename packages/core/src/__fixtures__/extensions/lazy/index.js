import { defineExtension } from "@switchyard/sdk";

// Counts imports so a test can prove the code loads on first use, and once.
globalThis.__switchyardLazyImports = (globalThis.__switchyardLazyImports ?? 0) + 1;

export default defineExtension({
  id: "lazy",
  providers: {
    lazy: {
      normalizeModelId: (model) => (model.startsWith("lazy-") ? `base-${model.slice(5)}` : undefined),
    },
  },
});
