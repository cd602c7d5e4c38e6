import { CUSTOMER_SERVICE_WINDOW_MS, MessagingRecipients, normalizeNumber } from './messaging-recipients';

describe('messaging recipients', () => {
  it('keeps the customer-service window open for 24 hours after the last inbound message', () => {
    let now = Date.parse('2026-03-01T12:00:00Z');
    const recipients = new MessagingRecipients(() => now);
    expect(recipients.windowOpen('+5511987654321')).toBe(false);

    recipients.openWindow('+5511987654321');
    now += CUSTOMER_SERVICE_WINDOW_MS - 1;
    expect(recipients.windowOpen('+5511987654321')).toBe(true);
    expect(recipients.view('+5511987654321').windowOpenUntil).toBe('2026-03-02T12:00:00.000Z');
    now += 1;
    expect(recipients.windowOpen('+5511987654321')).toBe(false);
    expect(recipients.view('+5511987654321').windowOpenUntil).toBeNull();
  });

  it('changes only the settings given, and closes the window on request', () => {
    const recipients = new MessagingRecipients();
    recipients.set('+5511987654321', { undeliverable: true, window: 'open' });
    expect(recipients.set('+5511987654321', { errorCode: 63003 })).toMatchObject({
      undeliverable: true,
      errorCode: 63003,
      unsubscribed: false,
    });
    expect(recipients.set('+5511987654321', { window: 'closed' }).windowOpenUntil).toBeNull();
  });

  it('reads numbers the way the admin API receives them', () => {
    expect(normalizeNumber('whatsapp:+5511987654321')).toBe('+5511987654321');
    expect(normalizeNumber(' 5511987654321')).toBe('+5511987654321');
    expect(normalizeNumber('5511987654321')).toBe('+5511987654321');
  });
});
