import { enabledInstrumentations } from './tracing';

describe('enabledInstrumentations', () => {
  it('runs HTTP and Express by default, without a span per SQL statement', () => {
    expect(enabledInstrumentations({})).toEqual(['http', 'express']);
  });

  it('takes the list from OTEL_NODE_ENABLED_INSTRUMENTATIONS', () => {
    expect(enabledInstrumentations({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http, pg' })).toEqual([
      'http',
      'pg',
    ]);
  });

  it('refuses a name it does not know, naming it', () => {
    expect(() => enabledInstrumentations({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,mongo' })).toThrow(
      /unknown mongo/,
    );
  });
});
