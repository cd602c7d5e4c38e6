import {
  MessageRefusedError,
  RecipientUnreachableError,
} from '../../application/ports/channel-provider.port';
import { classifyWhatsAppCloudError } from './whatsapp-cloud.adapter';

describe('classifyWhatsAppCloudError', () => {
  it.each([131026, 131021, '131030'])('%s: the address will never take the message', (code) => {
    expect(classifyWhatsAppCloudError({ code })).toBeInstanceOf(RecipientUnreachableError);
  });

  it.each([131047, 132000, 132001, 132015, 131050])('%s: Meta refuses this message', (code) => {
    expect(classifyWhatsAppCloudError({ code })).toBeInstanceOf(MessageRefusedError);
  });

  it.each([190, 2, 130429, 131000, undefined])('%s: neither (an outage or configuration)', (code) => {
    expect(classifyWhatsAppCloudError({ code })).toBeUndefined();
  });

  it('reads an invalid parameter (100) by its details: the recipient, or the message itself', () => {
    expect(
      classifyWhatsAppCloudError({
        code: 100,
        details: "Invalid 'to' parameter: 12 is not a valid phone number",
      }),
    ).toBeInstanceOf(RecipientUnreachableError);
    expect(
      classifyWhatsAppCloudError({
        code: 100,
        details: "Param text['body'] must be at most 4096 characters long.",
      }),
    ).toBeInstanceOf(MessageRefusedError);
  });

  it('takes an unknown phone number id (100, subcode 33) for configuration, not the message’s fault', () => {
    expect(classifyWhatsAppCloudError({ code: 100, subcode: 33 })).toBeUndefined();
  });
});
