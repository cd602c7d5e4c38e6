/** Where a member can be told something. */
export const CHANNELS = ['whatsapp', 'push', 'email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The providers behind the channels: WhatsApp through Twilio or the Cloud API, SMS through Twilio. */
export const PROVIDERS = ['twilio', 'whatsapp-cloud', 'fcm', 'smtp'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** One way to try a delivery: a channel through one of its providers. */
export interface Route {
  channel: Channel;
  provider: ProviderName;
}
