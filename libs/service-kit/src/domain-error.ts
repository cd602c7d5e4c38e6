/**
 * What a use case refuses, in the domain's words. `kind` says what sort of refusal it is; the HTTP
 * layer (ErrorShapeFilter) maps kinds to statuses and a message handler maps codes to its own answers
 * (a door's refusal code), so application code never throws a transport's exception.
 */
export type DomainErrorKind = 'not-found' | 'forbidden' | 'conflict' | 'invalid' | 'upstream-failed';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** Stable snake_case code, answered as `error`. */
  abstract readonly code: string;
  /** The request field the refusal is about, when there is one. */
  readonly field?: string;
  /** Extra fields of the answer (e.g. the id of the check-in already in progress). */
  readonly details?: Record<string, unknown>;

  constructor(readonly reason: string) {
    super(reason);
    this.name = new.target.name;
  }
}

/**
 * Declares a refusal with a fixed kind, code, field and reason:
 * `export class CourtNotFoundError extends refusal('not-found', 'court_not_found', 'no such court', 'courtId') {}`.
 */
export function refusal(kind: DomainErrorKind, code: string, reason: string, field?: string) {
  return class extends DomainError {
    readonly kind = kind;
    readonly code = code;
    override readonly field = field;
    constructor() {
      super(reason);
    }
  };
}
