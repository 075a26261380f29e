import { SwitchyardError } from "@switchyard/sdk";

export const CodexErrorCode = {
  instructionsRequired: "SY_ERR_CODEX_INSTRUCTIONS_REQUIRED",
} as const;

export function instructionsRequired(): SwitchyardError {
  return new SwitchyardError(
    CodexErrorCode.instructionsRequired,
    "The Codex backend rejects requests with neither instructions nor a leading developer message (it answers HTTP 400).",
    { fix: 'Open the session with instructions: host.session("openai-codex/gpt-5.4", { instructions: "…" }).' },
  );
}
