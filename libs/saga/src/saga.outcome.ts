/**
 * What a reply (or an expired deadline) decides for a saga. Handlers return one of these instead of
 * mutating anything, so the transition logic stays a pure function the engine persists in one transaction.
 */
export type Outcome<Data> =
  /** The step is done (its compensation will run if the saga fails later); go to the next step. */
  | { kind: 'next'; data?: Data }
  /**
   * Jump to a named step (loops such as insufficient credit → top-up → reserve again). The current step
   * is not recorded as done unless `completed` says so, so a refused step is never compensated.
   */
  | { kind: 'goto'; step: string; data?: Data; completed: boolean }
  /** Keep waiting for another reply to the same command (e.g. a Pix charge answering "pending"). */
  | { kind: 'stay'; data?: Data }
  /** The step failed: compensate what was done, in reverse order, then end FAILED. */
  | { kind: 'fail'; reason: string; data?: Data }
  /** End REJECTED without compensation (nothing was taken that needs giving back). */
  | { kind: 'reject'; reason: string; data?: Data };

export const next = <Data = never>(data?: Data): Outcome<Data> => ({ kind: 'next', data });

export const goTo = <Data = never>(
  step: string,
  data?: Data,
  options: { completed?: boolean } = {},
): Outcome<Data> => ({
  kind: 'goto',
  step,
  data,
  completed: options.completed ?? false,
});

export const stay = <Data = never>(data?: Data): Outcome<Data> => ({ kind: 'stay', data });

export const fail = <Data = never>(reason: string, data?: Data): Outcome<Data> => ({
  kind: 'fail',
  reason,
  data,
});

export const reject = <Data = never>(reason: string, data?: Data): Outcome<Data> => ({
  kind: 'reject',
  reason,
  data,
});
