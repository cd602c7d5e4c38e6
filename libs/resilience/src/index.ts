export {
  ResilientCaller,
  type ResilientCallerOptions,
  type CallKey,
  type CircuitState,
  type CircuitStateChange,
} from './resilient.caller';
export { DEFAULT_POLICY, backoffDelay, type ResiliencePolicy } from './resilience.policy';
export {
  ResilienceError,
  CircuitOpenError,
  CallTimeoutError,
  isTransientError,
  isClientError,
  httpStatusOf,
} from './resilience.errors';
