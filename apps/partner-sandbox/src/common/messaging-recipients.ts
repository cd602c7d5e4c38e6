/**
 * What the messaging vendors (Twilio, the WhatsApp Cloud API) know about the people they deliver to:
 * WhatsApp's 24-hour customer-service window, numbers the admin API makes undeliverable, and SMS
 * opt-outs. One instance per vendor: the window is between a user and one vendor's business sender.
 */

/** E.164: `+`, a country code, 8 to 15 digits in all. */
export const E164 = /^\+[1-9]\d{7,14}$/;

/** How long a user's last inbound WhatsApp message lets the business answer with free-form messages. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 3_600_000;

/**
 * A number as the admin API takes it — `+5511…`, `5511…`, `whatsapp:+5511…`, or `%2B`-less from a query
 * string where `+` arrived as a space — in E.164 form (not validated).
 */
export function normalizeNumber(raw: string): string {
  const bare = raw.replace(/^whatsapp:/, '').replace(/\s+/g, '');
  return bare.startsWith('+') ? bare : `+${bare}`;
}

export interface RecipientSettings {
  /** Messages fail after acceptance; the vendor's own error code unless one is set. */
  undeliverable: boolean;
  errorCode: number | null;
  /** Sent STOP (Twilio refuses with 21610 until START). */
  unsubscribed: boolean;
}

export interface RecipientView extends RecipientSettings {
  number: string;
  /** When the customer-service window closes; null when closed. */
  windowOpenUntil: string | null;
}

export class MessagingRecipients {
  private readonly lastInbound = new Map<string, number>();
  private readonly settings = new Map<string, RecipientSettings>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The user wrote to the business: free-form answers are allowed for the next 24 hours. */
  openWindow(number: string): void {
    this.lastInbound.set(number, this.now());
  }

  closeWindow(number: string): void {
    this.lastInbound.delete(number);
  }

  windowOpen(number: string): boolean {
    const at = this.lastInbound.get(number);
    return at !== undefined && this.now() - at < CUSTOMER_SERVICE_WINDOW_MS;
  }

  get(number: string): RecipientSettings {
    return this.settings.get(number) ?? { undeliverable: false, errorCode: null, unsubscribed: false };
  }

  set(number: string, changes: Partial<RecipientSettings> & { window?: 'open' | 'closed' }): RecipientView {
    const { window, ...rest } = changes;
    if (window === 'open') this.openWindow(number);
    if (window === 'closed') this.closeWindow(number);
    this.settings.set(number, { ...this.get(number), ...rest });
    return this.view(number);
  }

  view(number: string): RecipientView {
    const at = this.lastInbound.get(number);
    return {
      number,
      ...this.get(number),
      windowOpenUntil: this.windowOpen(number)
        ? new Date((at as number) + CUSTOMER_SERVICE_WINDOW_MS).toISOString()
        : null,
    };
  }
}
