import { centavosFromSql } from './sql-centavos';

describe('centavosFromSql', () => {
  it('reads bigint text exactly, and refuses what a number cannot hold exactly', () => {
    expect(centavosFromSql('3000000000', 'amount_centavos')).toBe(3_000_000_000);
    expect(centavosFromSql('9007199254740991', 'x')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => centavosFromSql('9007199254740993', 'available_centavos')).toThrow(
      'available_centavos 9007199254740993 is beyond exact integer centavos (9007199254740991)',
    );
  });
});
