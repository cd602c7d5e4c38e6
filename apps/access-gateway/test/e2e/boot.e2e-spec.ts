import { expectServiceLifecycle } from '@sportclub/testing';

describe('access-gateway service', () => {
  it('boots as a hybrid app, is ready over its database and both brokers, and stops on SIGTERM', () =>
    expectServiceLifecycle('access-gateway', ['database', 'kafka', 'rabbitmq']));
});
