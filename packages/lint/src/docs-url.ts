/** Where rule doc pages are published: the repository's packages/lint/docs/rules folder. */
export const RULE_DOCS_BASE_URL = "https://github.com/switchyard/switchyard/blob/main/packages/lint/docs/rules/";

/** The doc page of a rule; a test checks every rule's meta.docs.url is this and the page exists. */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}
