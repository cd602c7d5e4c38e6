import { expectServiceLifecycle } from '@sportclub/testing';

describe('calendar-sync service', () => {
  it('boots as a hybrid app, is ready over its database and both brokers, and stops on SIGTERM', () =>
    expectServiceLifecycle('calendar-sync', ['database', 'kafka', 'rabbitmq']));
});
