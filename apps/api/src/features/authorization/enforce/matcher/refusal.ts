/** A matcher (or a policy rule given to eval) that Latchkey will not evaluate: the offending token and why. */
export class MatcherRefused extends Error {
  constructor(
    readonly token: string,
    readonly reason: string,
  ) {
    super(`"${token}": ${reason}`);
    this.name = 'MatcherRefused';
  }
}

/** An evaluation stopped by its budget: too many steps, too much time, or too many request × policy pairs. */
export class EvaluationLimit extends Error {
  constructor(readonly limit: string) {
    super(limit);
    this.name = 'EvaluationLimit';
  }
}

/** A built-in function refusing its arguments (a key pattern that does not compile, a bad regular expression, …). */
export class BuiltInRefused extends Error {
  constructor(
    readonly functionName: string,
    readonly reason: string,
  ) {
    super(`${functionName}: ${reason}`);
    this.name = 'BuiltInRefused';
  }
}
