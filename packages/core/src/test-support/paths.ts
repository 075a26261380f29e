import { fileURLToPath } from "node:url";

/** The shipped extensions folder and this package's fixture extensions, for tests. */
export const SHIPPED_EXTENSIONS = fileURLToPath(new URL("../../../../extensions", import.meta.url));
export const FIXTURE_EXTENSIONS = fileURLToPath(new URL("../__fixtures__/extensions", import.meta.url));
