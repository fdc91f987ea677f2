/**
 * The providers' SDKs, loaded on first use, so that a command that makes no live call
 * (`reproduce`, `score`, `survey check`, …) starts without loading them: together they are
 * several hundred modules, about 0.2 s of every process's start.
 */
import type * as AnthropicSdk from "@anthropic-ai/sdk";
import type * as OpenAiSdk from "openai";

let openAi: typeof OpenAiSdk | undefined;
let anthropic: typeof AnthropicSdk | undefined;

/** The `openai` package. */
export function openAiSdk(): typeof OpenAiSdk {
  openAi ??= require("openai") as typeof OpenAiSdk;
  return openAi;
}

/** The `@anthropic-ai/sdk` package. */
export function anthropicSdk(): typeof AnthropicSdk {
  anthropic ??= require("@anthropic-ai/sdk") as typeof AnthropicSdk;
  return anthropic;
}
