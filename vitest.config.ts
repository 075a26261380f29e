import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "extensions/*/src/**/*.test.ts",
      "extensions/*/test/**/*.test.ts",
      "test/e2e/**/*.test.ts",
      "test/clients/**/*.test.ts",
      "test/install/**/*.test.ts",
      "test/docs/**/*.test.ts",
    ],
    // The doc examples' generated projects (removed after the run; ignored if one is left behind).
    exclude: [...configDefaults.exclude, "test/docs/.sandbox-*/**"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Sockets and child processes per file: keep files isolated so a leaked handle fails its own file.
    pool: "forks",
  },
});
