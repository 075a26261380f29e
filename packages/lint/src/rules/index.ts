import type { Rule } from "../rule.js";
import { aliasCollisionRule } from "./alias-collision.js";
import { entryDriftRule } from "./entry-drift.js";
import { entryInsideExtensionRule } from "./entry-inside-extension.js";
import { hostApiRangeRule } from "./host-api-range.js";
import { knownApiRule } from "./known-api.js";
import { noLiteralSecretRule } from "./no-literal-secret.js";
import { noUrlCredentialsRule } from "./no-url-credentials.js";
import { oauthDeclarationRule } from "./oauth-declaration.js";
import { originBoundRule } from "./origin-bound.js";
import { schemaRule } from "./schema.js";
import { secureSchemeRule } from "./secure-scheme.js";
import { uniqueProviderIdRule } from "./unique-provider-id.js";
import { websocketUrlRequiredRule } from "./websocket-url-required.js";

/**
 * Every rule, in the order they run (schema first: the others run only on manifests that parsed).
 * A test keeps this list, the files in rules/ and the pages in docs/rules/ equal.
 */
export const RULES: readonly Rule[] = Object.freeze([
  schemaRule,
  websocketUrlRequiredRule,
  originBoundRule,
  secureSchemeRule,
  oauthDeclarationRule,
  noLiteralSecretRule,
  noUrlCredentialsRule,
  knownApiRule,
  hostApiRangeRule,
  uniqueProviderIdRule,
  aliasCollisionRule,
  entryInsideExtensionRule,
  entryDriftRule,
]);

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export {
  aliasCollisionRule,
  entryDriftRule,
  entryInsideExtensionRule,
  hostApiRangeRule,
  knownApiRule,
  noLiteralSecretRule,
  noUrlCredentialsRule,
  oauthDeclarationRule,
  originBoundRule,
  schemaRule,
  secureSchemeRule,
  uniqueProviderIdRule,
  websocketUrlRequiredRule,
};
