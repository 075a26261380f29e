import { defineExtension } from "@switchyard/sdk";

// Hooks that fail, to show the host wraps them with the extension and hook name.
export default defineExtension({
  id: "thrower",
  providers: {
    thrower: {
      normalizeModelId: (model) => {
        throw new Error(`cannot normalize ${model}`);
      },
    },
  },
});
