import { expectServiceLifecycle } from '@sportclub/testing';

describe('notifications service', () => {
  it('boots as a hybrid app, is ready over its database and both brokers, and stops on SIGTERM', () =>
    expectServiceLifecycle('notifications', ['database', 'kafka', 'rabbitmq']));
});
