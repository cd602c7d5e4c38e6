import { expectServiceLifecycle } from '@sportclub/testing';

describe('iot-bridge service', () => {
  it('boots as a hybrid app, is ready over its database and both brokers, and stops on SIGTERM', () =>
    expectServiceLifecycle('iot-bridge', ['database', 'kafka', 'rabbitmq']));
});
