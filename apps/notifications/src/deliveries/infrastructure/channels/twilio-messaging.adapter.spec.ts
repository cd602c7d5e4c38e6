import {
  MessageRefusedError,
  RecipientUnreachableError,
} from '../../application/ports/channel-provider.port';
import { classifyTwilioError } from './twilio-messaging.adapter';

describe('classifyTwilioError', () => {
  it.each([21211, 21614, 63003, '30006'])('%s: the address will never take the message', (code) => {
    expect(classifyTwilioError(code)).toBeInstanceOf(RecipientUnreachableError);
  });

  it.each([63016, 21610, 21655, '21617'])('%s: Twilio refuses this message', (code) => {
    expect(classifyTwilioError(code)).toBeInstanceOf(MessageRefusedError);
  });

  it.each([20003, 20503, 20429, 21603, undefined, 'not a code'])(
    '%s: neither (an outage or configuration)',
    (code) => {
      expect(classifyTwilioError(code)).toBeUndefined();
    },
  );

  it('names the code and keeps Twilio’s message and the cause', () => {
    const cause = new Error('raw');
    const error = classifyTwilioError(63016, 'Failed to send freeform message', cause);
    expect(error?.reason).toBe(
      "twilio 63016: outside WhatsApp's 24-hour window (free-form message) (Failed to send freeform message)",
    );
    expect(error?.cause).toBe(cause);
  });
});
