import { jsonbSafe } from './database';

describe('jsonbSafe', () => {
  it('drops U+0000 from every string and key at any depth, leaving everything else as it was', () => {
    expect(jsonbSafe({ 'k\u0000': ['a\u0000b', { n: 1, t: true, z: null, s: 'ção 🎾' }] })).toEqual({
      k: ['ab', { n: 1, t: true, z: null, s: 'ção 🎾' }],
    });
    expect(JSON.stringify(jsonbSafe(JSON.parse('{"m":"bad\\u0000input"}')))).toBe('{"m":"badinput"}');
  });
});
