import { isUsableIdentifier, storableText } from './provider-text';

describe('provider text', () => {
  it('replaces NUL and other control characters, keeping the rest of the text and its line breaks', () => {
    expect(storableText('card declined:\u0000 do not honour\u0007\nretry')).toBe(
      'card declined:\ufffd do not honour\ufffd\nretry',
    );
    expect(storableText('x'.repeat(600))).toHaveLength(500);
    expect(JSON.stringify(storableText('a\u0000b'))).not.toContain('\\u0000');
  });

  it('takes printable identifiers as sent and refuses ones PostgreSQL cannot hold or match', () => {
    expect(
      ['pi_3PqX', '1234567890', 'CHAR_67FC568B-00D8', 'ORD01JQ4S4KY8HWQ6NA5PXB65B3D3'].every(
        isUsableIdentifier,
      ),
    ).toBe(true);
    expect(
      ['', 'pi_\u0000', 'evt\n1', 'x'.repeat(256), 42, null, undefined, { id: 'pi_1' }].some(
        isUsableIdentifier,
      ),
    ).toBe(false);
  });
});
