import { expectServiceLifecycle } from '@sportclub/testing';

describe('video service', () => {
  it('boots as a hybrid app, is ready over its database and both brokers, and stops on SIGTERM', () =>
    expectServiceLifecycle('video', ['database', 'kafka', 'rabbitmq']));
});
