export {
  RuleTester,
  assertValidCase,
  assertInvalidCase,
  type RuleTesterCase,
  type RuleTesterCases,
  type InvalidCase,
  type ExpectedReport,
  type ManifestInput,
} from "./rule-tester.js";
export { describeConformance, type ConformanceOptions } from "./conformance.js";
