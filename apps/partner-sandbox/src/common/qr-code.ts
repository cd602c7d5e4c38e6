import { create } from 'qrcode';

/**
 * The QR Code (ISO/IEC 18004) of a Pix payload, by the `qrcode` package: error-correction level M, the
 * smallest version that fits, the mask with the lowest penalty. Returns the module matrix, `true` =
 * dark, without quiet zone (`matrixPng` draws it).
 */
export function qrCodeMatrix(text: string): boolean[][] {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, y) =>
    Array.from({ length: modules.size }, (_, x) => Boolean(modules.get(y, x))),
  );
}
