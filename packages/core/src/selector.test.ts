import { describe, expect, it } from "vitest";
import type { HealthEntry } from "./health.js";
import { selectTransport, type SelectorFacts } from "./selector.js";

const facts: SelectorFacts = {
  policy: "auto",
  policySource: "default",
  websocket: { url: "wss://api.example.com/v1/responses", urlSource: "manifest", stability: "stable", insideOrigins: true },
  origins: ["https://api.example.com"],
  allowExperimental: false,
  baseUrlOverride: undefined,
};
const entry: HealthEntry = {
  key: "p|websocket|https://api.example.com",
  provider: "p",
  transport: "websocket",
  origin: "https://api.example.com",
  state: "cooling-down",
  since: 1_000,
  until: 61_000,
  failures: 1,
  cooldownMs: 60_000,
  lastFailure: { code: "SY_ERR_TRANSPORT_UPGRADE_REJECTED", message: "upgrade answered 500", at: 1_000 },
};

describe("selectTransport", () => {
  it("selects websocket when declared, inside origins, stable, covered and healthy", () => {
    const decision = selectTransport(facts, { state: "healthy" });
    expect(decision).toMatchObject({ ok: true, kind: "websocket", url: "wss://api.example.com/v1/responses", fallback: "http", probe: false });
    expect(decision.trace.map((s) => s.check)).toEqual(["policy", "websocket-declared", "websocket-origin", "websocket-stability", "base-url", "health", "decision"]);
  });

  it("stops at the first failing check, in the documented order", () => {
    const cases: Array<[Partial<SelectorFacts>, string]> = [
      [{ websocket: undefined }, "websocket-not-declared"],
      [{ websocket: { url: undefined, urlSource: "manifest", stability: "stable", insideOrigins: false } }, "websocket-not-declared"],
      [{ websocket: { ...facts.websocket!, insideOrigins: false } }, "websocket-outside-origins"],
      [{ websocket: { ...facts.websocket!, stability: "experimental" } }, "websocket-experimental"],
      [{ baseUrlOverride: { origin: "https://gw.example.com", source: "config" } }, "base-url-overridden"],
    ];
    for (const [change, reason] of cases) {
      const decision = selectTransport({ ...facts, ...change }, { state: "healthy" });
      expect(decision, reason).toMatchObject({ ok: true, kind: "http" });
      expect(decision.trace.at(-1)).toMatchObject({ outcome: "fail", reason });
      const forced = selectTransport({ ...facts, ...change, policy: "websocket" }, { state: "healthy" });
      expect(forced, `forced ${reason}`).toMatchObject({ ok: false, reason });
    }
  });

  it("routes straight to HTTP while cooling down, with since, until and the last failure", () => {
    const decision = selectTransport(facts, { state: "cooling-down", entry });
    expect(decision).toMatchObject({ ok: true, kind: "http" });
    expect(decision.trace.at(-1)).toMatchObject({
      reason: "websocket-cooling-down",
      data: { since: 1_000, until: 61_000, lastFailure: { code: "SY_ERR_TRANSPORT_UPGRADE_REJECTED" } },
    });
  });

  it("allows one half-open probe when the cool-down has ended, and HTTP for others meanwhile", () => {
    expect(selectTransport(facts, { state: "probe-due", entry })).toMatchObject({ kind: "websocket", probe: true });
    expect(selectTransport(facts, { state: "probe-in-flight", entry }).trace.at(-1)?.reason).toBe("websocket-probe-in-flight");
  });

  it("honours policy http first and policy websocket without fallback", () => {
    expect(selectTransport({ ...facts, policy: "http" }, { state: "healthy" })).toMatchObject({ kind: "http", trace: [{ reason: "policy-http" }] });
    expect(selectTransport({ ...facts, policy: "websocket" }, { state: "cooling-down", entry })).toMatchObject({ kind: "websocket", fallback: undefined });
  });

  it("allows an experimental capability when config says so", () => {
    const decision = selectTransport({ ...facts, allowExperimental: true, websocket: { ...facts.websocket!, stability: "experimental" } }, { state: "healthy" });
    expect(decision).toMatchObject({ kind: "websocket" });
  });
});
