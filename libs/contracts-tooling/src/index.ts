/**
 * Design-time tooling over the contracts: the AsyncAPI document, the compatibility rule and the schema
 * lock, and the files they render. Used by the CLI (`npm run contracts:asyncapi|check`) and its tests;
 * tagged `type:tooling`, so no service or runtime library may import it.
 */
export * from './asyncapi';
export * from './compatibility';
export {
  ASYNCAPI_FILE,
  SCHEMA_LOCK_FILE,
  contractsState,
  checkProblems,
  renderAsyncApi,
  renderSchemaLock,
  type ContractsState,
  type ArtifactState,
} from './contract-artifacts';
