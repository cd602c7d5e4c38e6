import { expectServiceLifecycle } from '@sportclub/testing';

describe('payments service', () => {
  it('boots as a hybrid app, is ready over its database and both brokers, and stops on SIGTERM', () =>
    expectServiceLifecycle('payments', ['database', 'kafka', 'rabbitmq']));
});
