/**
 * Where each provider's requests go, and which key goes with them. One rule: a key is sent only to
 * its own provider's server, the official one or a base URL given for that provider alone.
 *
 * | provider            | base URL (first set wins)                                      | key                         |
 * |---------------------|----------------------------------------------------------------|-----------------------------|
 * | `openai`            | `--openai-base-url`, `OPENAI_BASE_URL`, https://api.openai.com/v1 | `OPENAI_API_KEY`            |
 * | `anthropic`         | `--anthropic-base-url`, `ANTHROPIC_BASE_URL`, https://api.anthropic.com | `ANTHROPIC_API_KEY`   |
 * | `openai-compatible` | `--base-url`, `OPENAI_COMPATIBLE_BASE_URL` (required)          | `OPENAI_COMPATIBLE_API_KEY`, else none |
 *
 * No SDK is imported here, so estimates and dry runs can compute cache scopes offline.
 */
import { readEnv } from "../config";
import { UsageError } from "../errors";
import type { Provider } from "./model-id";

/** The providers that are reached over the network. */
export type LiveProvider = Exclude<Provider, "paper" | "baseline">;

/** Where the official OpenAI API lives. */
export const OPENAI_BASE_URL = "https://api.openai.com/v1";
/** Where the Anthropic API lives (the SDK appends `/v1/messages`). */
export const ANTHROPIC_BASE_URL = "https://api.anthropic.com";

/** Base URLs given per provider (e.g. by `--openai-base-url`, `--anthropic-base-url`, `--base-url`). */
export type ProviderBaseUrls = Readonly<Partial<Record<LiveProvider, string>>>;

/** The environment variable that names each provider's server. */
export const BASE_URL_VARIABLES: Readonly<Record<LiveProvider, "OPENAI_BASE_URL" | "ANTHROPIC_BASE_URL" | "OPENAI_COMPATIBLE_BASE_URL">> = {
  openai: "OPENAI_BASE_URL",
  anthropic: "ANTHROPIC_BASE_URL",
  "openai-compatible": "OPENAI_COMPATIBLE_BASE_URL",
};

/** A provider's server, as resolved. */
export interface ResolvedOrigin {
  /** The base URL handed to the SDK. */
  readonly baseUrl: string;
  /** True for the provider's official server (no base URL given). */
  readonly official: boolean;
}

/**
 * The server a provider's requests go to: the base URL given for that provider, else its
 * environment variable, else the official server. Anthropic base URLs lose a trailing `/v1`
 * (the SDK adds `/v1/messages` itself, so `http://host/v1` would become `/v1/v1/messages`).
 * @param provider a live provider
 * @param explicit the base URL given for this provider (never one given for another provider)
 * @returns undefined only for `openai-compatible` without a base URL
 * @throws {UsageError} for a base URL that is not an http(s) URL
 * @example
 * resolveOrigin("anthropic", "http://127.0.0.1:8080/v1").baseUrl; // => "http://127.0.0.1:8080"
 */
export function resolveOrigin(provider: LiveProvider, explicit?: string): ResolvedOrigin | undefined {
  const given = explicit ?? readEnv(BASE_URL_VARIABLES[provider]);
  if (given === undefined) {
    switch (provider) {
      case "openai":
        return { baseUrl: OPENAI_BASE_URL, official: true };
      case "anthropic":
        return { baseUrl: ANTHROPIC_BASE_URL, official: true };
      case "openai-compatible":
        return undefined;
    }
  }
  const normalised = normaliseBaseUrl(given);
  const baseUrl = provider === "anthropic" ? normalised.replace(/\/v1$/, "") : normalised;
  return { baseUrl, official: false };
}

/**
 * The cache scope of a live backend: the server that answers (normalised base URL, official or
 * not), plus any setting sent to the provider that changes the answer but is not part of the
 * request (reasoning effort, thinking budget). Answers cached from one server are never served
 * for another.
 * @example
 * cacheScopeFor("https://api.openai.com/v1", { reasoning_effort: "low" }); // => "https://api.openai.com/v1|reasoning_effort=low"
 */
export function cacheScopeFor(baseUrl: string, settings: Readonly<Record<string, string | number | undefined>> = {}): string {
  const parts = Object.entries(settings)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`);
  return [normaliseBaseUrl(baseUrl), ...parts].join("|");
}

/**
 * A base URL as it identifies a server: origin and path, without credentials, query or a trailing slash.
 * @throws {UsageError} for a value that is not an http(s) URL (the value is not echoed: it may carry credentials)
 * @example
 * normaliseBaseUrl("http://user:pw@localhost:8000/v1/?key=x"); // => "http://localhost:8000/v1"
 */
export function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    throw new UsageError("normaliseBaseUrl: base url is not a valid url", { cause: error });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`normaliseBaseUrl: base url must be http or https (got ${url.protocol})`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
