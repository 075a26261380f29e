import { RuleTester } from "../rule-tester.js";
import { manifest } from "../test-support/manifest.js";
import { hostApiRangeRule } from "./host-api-range.js";

new RuleTester().run(hostApiRangeRule, {
  valid: [
    { name: "a caret range on the current host API", manifest: manifest({}, { hostApi: "^0.1.0" }) },
    { name: "a wide range", manifest: manifest({}, { hostApi: ">=0.1.0 <2" }) },
    { name: "a range checked against a given host version", manifest: manifest({}, { hostApi: "^1.2.0" }), options: { hostVersion: "1.4.0" } },
  ],
  invalid: [
    { name: "not a semver range", manifest: manifest({}, { hostApi: "latest" }), errors: [{ messageId: "badRange", path: "/hostApi", message: /not a valid semver range/ }] },
    {
      name: "a range that excludes the current host API",
      manifest: manifest({}, { hostApi: "^2.0.0" }),
      errors: [{ messageId: "badRange", path: "/hostApi", message: /needs host API \^2\.0\.0, but this host implements 0\.1\.0/ }],
    },
  ],
});
