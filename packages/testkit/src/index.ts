export {
  RuleTester,
  assertValidCase,
  assertInvalidCase,
  type RuleTesterCase,
  type RuleTesterCases,
  type InvalidCase,
  type ExpectedReport,
  type ManifestInput,
} from "@switchyard/lint/rule-tester";
export { describeConformance, type ConformanceOptions } from "./conformance.js";
