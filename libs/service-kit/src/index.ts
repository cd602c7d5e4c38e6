export {
  httpConfigSchema,
  serviceConfigSchema,
  optionalVariable,
  loadConfig,
  requiredVariables,
  ConfigError,
  type HttpConfig,
  type ServiceConfig,
} from './config';
export {
  createDataSource,
  runMigrations,
  DatabaseHealthIndicator,
  jsonbSafe,
  type MigrationClass,
} from './database';
export { ServiceKitModule, SERVICE_CONFIG, type ServiceKitOptions } from './service-kit.module';
export { runService, createServiceApp, type RunServiceOptions } from './run-service';
export { fieldProblems, parseOrBadRequest, UNKNOWN_FIELD, type FieldProblem } from './validation';
export { ErrorShapeFilter } from './error-shape.filter';
export { ScheduledPasses, SerialPasses } from './serial-passes';
export { AesGcmSealer, SealedUnreadableError, sealingKeys, type Sealed, type SealingKey } from './sealing';
export { DomainError, refusal, type DomainErrorKind } from './domain-error';
export { strictRequests, requestProblem, type StrictRequestOptions } from './strict-requests';
export {
  TRANSACTIONS,
  TypeOrmTransactions,
  isoUtc,
  type Transaction,
  type Transactions,
} from './transactions';
