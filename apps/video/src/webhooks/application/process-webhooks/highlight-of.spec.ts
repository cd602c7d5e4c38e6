import { highlightOf } from './process-webhooks.handler';

describe("a clip's passthrough", () => {
  it('names one of our highlights only as {"h": "<uuid>"}', () => {
    const id = '0f8b6a52-8c1e-4b7a-9d2e-3c4b5a6d7e8f';
    expect(highlightOf(JSON.stringify({ h: id }))).toBe(id);
    for (const other of [
      JSON.stringify({ h: 'not-a-uuid' }),
      JSON.stringify({ h: 42 }),
      JSON.stringify({ s: id }),
      'null',
      '[]',
      'not json',
      undefined,
      42,
    ]) {
      expect(highlightOf(other)).toBeUndefined();
    }
  });
});
