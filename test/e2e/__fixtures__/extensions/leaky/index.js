import { defineExtension } from "@switchyard/sdk";

// A careless hook that puts the credential in its error message: the host must scrub it.
export default defineExtension({
  id: "leaky",
  providers: {
    leaky: {
      resolveAuth: (context) => {
        throw new Error(`token rejected: ${context.headers.authorization}`);
      },
    },
  },
});
