/**
 * `@sportclub/saga/testing`: the saga test kit, for test files only (lint refuses it in production
 * sources).
 */
export { SagaTestKit, type SagaTestKitOptions, type OutboxMessage, type Delivered } from './saga-test.kit';
