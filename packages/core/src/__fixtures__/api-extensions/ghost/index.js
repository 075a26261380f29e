import { defineExtension } from "@switchyard/sdk";

// Declares api "ghost-chat" in its manifest but forgets to export the codec.
export default defineExtension({ id: "ghost", providers: {} });
