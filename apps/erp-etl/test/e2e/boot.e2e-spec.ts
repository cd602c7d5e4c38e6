import { expectServiceLifecycle } from '@sportclub/testing';

describe('erp-etl service', () => {
  it('boots as a hybrid app, is ready over its database, both brokers and its MongoDB landing zone, and stops on SIGTERM', () =>
    expectServiceLifecycle('erp-etl', ['database', 'kafka', 'rabbitmq', 'mongodb']));
});
