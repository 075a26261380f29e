import { defineExtension } from "@switchyard/sdk";

// A 401 on the websocket upgrade means bad credentials, not an outage: HTTP would fail the same.
export default defineExtension({
  id: "classifier",
  providers: {
    classifier: {
      classifyError: (error) => (error.status === 401 ? { fallback: false, message: "credentials rejected at upgrade" } : undefined),
    },
  },
});
