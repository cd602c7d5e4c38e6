import { expectServiceLifecycle } from '@sportclub/testing';

describe('partner-sandbox', () => {
  it('boots, is ready without platform dependencies, and stops on SIGTERM', () =>
    expectServiceLifecycle('partner-sandbox', []));
});
