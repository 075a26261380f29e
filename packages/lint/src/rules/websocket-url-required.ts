import { SdkErrorCode, checkOrigins, checkWebsocketUrl } from "@switchyard/sdk";
import { ruleDocsUrl } from "../docs-url.js";
import { reportProblems } from "../report-problems.js";
import type { Rule } from "../rule.js";

/**
 * A websocket capability names its own ws(s):// URL. There is no default websocket URL anywhere:
 * a capability without one is dead config (and, in the runtime this design replaces, was dialled
 * at a generic URL that never owned the credential). ws on a non-loopback host is `secure-scheme`'s.
 */
export const websocketUrlRequiredRule: Rule = {
  meta: {
    id: "websocket-url-required",
    type: "problem",
    description: "A websocket transport capability declares its own explicit ws:// or wss:// url.",
    docs: { url: ruleDocsUrl("websocket-url-required") },
    messages: {
      missingUrl: "{{message}}",
      notWebsocketUrl: "{{message}}",
    },
    defaultSeverity: "error",
  },
  check(context) {
    reportProblems(context, checkWebsocketUrl(context.manifest), () => "missingUrl");
    // checkOrigins also validates the URL's scheme; an unusable websocket URL is this rule's finding.
    reportProblems(context, checkOrigins(context.manifest), (problem) =>
      problem.code === SdkErrorCode.manifestInvalidUrl && problem.path.endsWith("/transports/websocket/url")
        ? "notWebsocketUrl"
        : undefined,
    );
  },
};
