import { defineExtension } from "@switchyard/sdk";

// A provider that declares a sign-in but supplies its own bearer: resolveAuth wins over the store.
export default defineExtension({
  id: "hooked",
  providers: {
    hooked: {
      resolveAuth: (context) => ({ authorization: `Bearer ${context.env.HOOKED_TOKEN}` }),
    },
  },
});
