/**
 * The read-only backend for `paper/<model>`: answers come from the outputs published with the
 * paper, never from a live call. The published-output source is supplied by the data loaders
 * (src/data); this module only defines the seam.
 */
import { DataError, UsageError } from "../errors";
import { capabilitiesFor } from "./capabilities";
import { parseModelId } from "./model-id";
import { checkRequestSupported } from "./plan";
import type { Backend, Completion, CompletionRequest } from "./types";

/**
 * Where published answers come from. Implemented in src/data on top of `results/<dataset>/…`;
 * how a request is matched to a stored answer (e.g. by the prompt it was built from) is the
 * source's business.
 */
export interface PublishedOutputSource {
  /**
   * The published completion for a request, or undefined when the paper has none.
   * @param request a request whose `model` is `paper/<model>`
   */
  find(request: CompletionRequest): Promise<Completion | undefined>;
}

/**
 * A backend that serves `paper/<model>` from a published-output source.
 * @param modelId e.g. "paper/gpt-4"
 * @param source the lookup; without one every call fails with a UsageError that says where it comes from
 * @throws UsageError for a model that was not published (see `capabilitiesFor`)
 */
export function createPaperBackend(modelId: string, source?: PublishedOutputSource): Backend {
  const { provider } = parseModelId(modelId);
  if (provider !== "paper") throw new UsageError(`createPaperBackend: not a paper model id (${modelId})`);
  const capabilities = capabilitiesFor(modelId);

  async function complete(request: CompletionRequest): Promise<Completion> {
    checkRequestSupported(request, capabilities);
    if (source === undefined) {
      throw new UsageError(`${modelId}: no published-output source configured (the data loaders in src/data provide it)`);
    }
    const found = await source.find(request);
    if (found === undefined) throw new DataError(`${modelId}: no published output for this request`, undefined, request.model);
    return found;
  }

  return { id: modelId, capabilities, complete };
}
