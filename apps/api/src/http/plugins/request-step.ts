/** The headers (and status) of the answer being prepared, as Elysia hands them to hooks. */
export interface AnswerSet {
  headers: Record<string, unknown>;
}

/**
 * One step of what happens to a request before routing (request-pipeline.ts): nothing to say
 * (undefined, at once: most requests), an answer that ends the request, or a promise of either
 * when the step must wait (a database, the caller's identity). A step refuses by throwing.
 */
export type RequestStep = (request: Request, set: AnswerSet) => Response | undefined | Promise<Response | undefined>;

/**
 * Runs steps in order until one answers. Steps that have nothing to say go on in the same turn, so
 * a request that no step waits for is through all of them without a promise.
 */
export function runSteps(
  steps: readonly RequestStep[],
  request: Request,
  set: AnswerSet,
  from = 0,
): Response | undefined | Promise<Response | undefined> {
  for (let index = from; index < steps.length; index++) {
    const outcome = steps[index]!(request, set);
    if (outcome === undefined) continue;
    if (outcome instanceof Promise) return outcome.then((answer) => answer ?? runSteps(steps, request, set, index + 1));
    return outcome;
  }
  return undefined;
}
