import { describe, expect, it } from "vitest";
import { credentialOrigin, isInsideOrigins, normalizeDeclaredOrigin } from "./index.js";

describe("credential origins", () => {
  it("maps websocket URLs to the HTTP origin their upgrade goes to, with non-default ports kept", () => {
    expect(credentialOrigin("wss://api.example.com/v1/responses")).toBe("https://api.example.com");
    expect(credentialOrigin("ws://127.0.0.1:8080/v1/responses")).toBe("http://127.0.0.1:8080");
    expect(credentialOrigin("https://api.example.com:443/v1")).toBe("https://api.example.com");
    expect(credentialOrigin(new URL("http://localhost:80/x"))).toBe("http://localhost");
    expect(credentialOrigin("ftp://files.example.com/")).toBeUndefined();
    expect(credentialOrigin("not a url")).toBeUndefined();
  });

  it("gives the same answer for a string asked about again, including after thousands of other URLs", () => {
    const first = credentialOrigin("wss://a.example.com:9000/x");
    const firstDeclared = normalizeDeclaredOrigin("http://127.0.0.1:*");
    for (let index = 0; index < 10_000; index++) {
      expect(credentialOrigin(`https://host-${index}.example.com/v1`)).toBe(`https://host-${index}.example.com`);
      normalizeDeclaredOrigin(`https://host-${index}.example.com`);
    }
    expect(credentialOrigin("wss://a.example.com:9000/x")).toBe(first);
    expect(first).toBe("https://a.example.com:9000");
    expect(normalizeDeclaredOrigin("http://127.0.0.1:*")).toBe(firstDeclared);
    expect(firstDeclared).toBe("http://127.0.0.1:*");
  });

  it("refuses declared origins with a path, a query or userinfo, and matches a :* origin on any port", () => {
    expect(normalizeDeclaredOrigin("https://api.example.com/v1")).toBeUndefined();
    expect(normalizeDeclaredOrigin("https://api.example.com?x=1")).toBeUndefined();
    expect(normalizeDeclaredOrigin("https://user:pw@api.example.com")).toBeUndefined();
    expect(isInsideOrigins("ws://127.0.0.1:41501/v1/responses", ["http://127.0.0.1:*"])).toBe(true);
    expect(isInsideOrigins("wss://api.openai.com/v1/responses", ["https://chatgpt.com"])).toBe(false);
  });
});
