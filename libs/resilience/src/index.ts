export {
  ResilientCaller,
  type ResilientCallerOptions,
  type CallKey,
  type CircuitState,
  type CircuitStateChange,
} from './resilient.caller';
export { DEFAULT_POLICY, type ResiliencePolicy } from './resilience.policy';
export { backoff, type BackoffOptions } from './backoff';
export {
  ResilienceError,
  CircuitOpenError,
  CallTimeoutError,
  isTransientError,
  isClientError,
  mayHaveReachedVendor,
  httpStatusOf,
} from './resilience.errors';
