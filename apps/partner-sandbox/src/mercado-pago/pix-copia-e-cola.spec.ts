import { crc16, pixCopiaECola } from './pix-copia-e-cola';

describe('Pix copia e cola', () => {
  it('computes CRC-16/CCITT-FALSE (check value of "123456789" is 29B1)', () => {
    expect(crc16('123456789')).toBe('29B1');
  });

  it('builds a BR Code whose fields parse back and whose CRC covers everything before it', () => {
    const code = pixCopiaECola({
      key: '123e4567-e12b-12d1-a456-426655440000',
      amount: 25.5,
      merchantName: 'Sport Tech Clube São Paulo Ltda',
      merchantCity: 'São Paulo',
      txid: 'mpqrinter1234567890',
    });
    const fields: Record<string, string> = {};
    for (let i = 0; i < code.length;) {
      const id = code.slice(i, i + 2);
      const len = Number(code.slice(i + 2, i + 4));
      fields[id] = code.slice(i + 4, i + 4 + len);
      i += 4 + len;
    }
    expect(fields).toMatchObject({
      '00': '01',
      '26': '0014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000',
      '53': '986',
      '54': '25.50',
      '58': 'BR',
      '59': 'SPORT TECH CLUBE SAO PAUL',
      '60': 'SAO PAULO',
      '62': '0519mpqrinter1234567890',
    });
    expect(fields['63']).toBe(crc16(code.slice(0, -4)));
  });
});
