import { inflateSync } from 'node:zlib';
import { matrixPng } from './png';
import { qrCodeMatrix } from './qr-code';

/** The 15 format bits as drawn around the top-left finder (copy 1) and split on the other two (copy 2). */
function formatBits(m: boolean[][]): [number, number] {
  const size = m.length;
  const at = (x: number, y: number) => (m[y][x] ? 1 : 0);
  const first = [0, 1, 2, 3, 4, 5, 7, 8]
    .map((y) => at(8, y))
    .concat([7, 5, 4, 3, 2, 1, 0].map((x) => at(x, 8)));
  const second = [0, 1, 2, 3, 4, 5, 6, 7]
    .map((i) => at(size - 1 - i, 8))
    .concat([8, 9, 10, 11, 12, 13, 14].map((i) => at(8, size - 15 + i)));
  const value = (bits: number[]) => bits.reduce((acc, b, i) => acc | (b << i), 0);
  return [value(first), value(second)];
}

describe('QR code matrix', () => {
  it('uses the smallest version at level M (v1 holds 14 bytes)', () => {
    expect(qrCodeMatrix('x'.repeat(14))).toHaveLength(21);
    expect(qrCodeMatrix('x'.repeat(15))).toHaveLength(25);
    expect(qrCodeMatrix('x'.repeat(150))).toHaveLength(4 * 8 + 17);
  });

  it('draws the three finder patterns and the dark module', () => {
    const m = qrCodeMatrix('00020126580014br.gov.bcb.pix');
    const size = m.length;
    for (const [x, y] of [
      [0, 0],
      [size - 7, 0],
      [0, size - 7],
    ]) {
      expect([0, 1, 2, 3, 4, 5, 6].map((i) => m[y][x + i])).toEqual(Array(7).fill(true));
      expect([1, 2, 3, 4, 5].map((i) => m[y + 1][x + i])).toEqual(Array(5).fill(false));
      expect(m[y + 3][x + 3]).toBe(true);
    }
    expect(m[size - 8][8]).toBe(true);
  });

  it('writes both format copies alike, saying level M', () => {
    const [first, second] = formatBits(qrCodeMatrix('hello pix'));
    expect(first).toBe(second);
    expect(((first ^ 0x5412) >> 13) & 0b11).toBe(0b00); // level M
  });
});

describe('matrix PNG', () => {
  it('is a grayscale PNG of the matrix with a 4-module quiet zone', () => {
    const m = qrCodeMatrix('hello');
    const png = matrixPng(m, 2);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const side = (21 + 8) * 2;
    expect(png.readUInt32BE(16)).toBe(side);
    expect(png.readUInt32BE(20)).toBe(side);
    const idatLength = png.readUInt32BE(33);
    const pixels = inflateSync(png.subarray(41, 41 + idatLength));
    const pixel = (x: number, y: number) => pixels[y * (side + 1) + 1 + x];
    expect(pixel(0, 0)).toBe(0xff); // quiet zone
    expect(pixel(8, 8)).toBe(0x00); // top-left module of the finder pattern
  });
});
