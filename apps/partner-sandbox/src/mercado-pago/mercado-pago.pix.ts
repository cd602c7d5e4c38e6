import { randomUUID } from 'node:crypto';
import { matrixPng } from '../common/png';
import { qrCodeMatrix } from '../common/qr-code';
import { pixCopiaECola } from './pix-copia-e-cola';

/**
 * What a Pix payment shows the payer (`point_of_interaction`): the copia-e-cola code, the same code as
 * a scannable QR image (`qr_code_base64`, PNG) and MP's ticket page.
 */
export function pixPointOfInteraction(paymentId: number, amount: number, collectorId: number) {
  const qrCode = pixCopiaECola({
    key: randomUUID(),
    amount,
    merchantName: 'Sport Tech Club',
    merchantCity: 'Sao Paulo',
    txid: `mpqrinter${paymentId}`,
  });
  return {
    type: 'OPENPLATFORM',
    sub_type: null,
    application_data: { name: null, version: null },
    transaction_data: {
      qr_code: qrCode,
      qr_code_base64: matrixPng(qrCodeMatrix(qrCode)).toString('base64'),
      ticket_url: `https://www.mercadopago.com.br/payments/${paymentId}/ticket?caller_id=${collectorId}&hash=${randomUUID()}`,
      transaction_id: null,
      bank_transfer_id: null,
      financial_institution: null,
      bank_info: {
        payer: { account_id: null, id: null, long_name: null },
        collector: { account_id: null, long_name: null },
      },
      e2e_id: null,
    },
  };
}
