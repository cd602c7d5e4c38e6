import { Module } from '@nestjs/common';
import { AccessVendorHttpController } from './access-vendor/access-vendor.http.controller';
import { FcmAdminHttpController } from './fcm/fcm-admin.http.controller';
import { FcmFallbackHttpController } from './fcm/fcm-fallback.http.controller';
import { FcmHttpController } from './fcm/fcm.http.controller';
import { FcmDevices } from './fcm/fcm.devices';
import { GoogleOAuth } from './fcm/google-oauth';
import { GoogleAdminHttpController } from './google/google-admin.http.controller';
import { GoogleCalendarFallbackHttpController } from './google/google-calendar-fallback.http.controller';
import { GoogleCalendarHttpController } from './google/google-calendar.http.controller';
import { GoogleCalendarChannels } from './google/google-calendar.channels';
import { GoogleCalendarEvents } from './google/google-calendar.events';
import { GoogleConsentHttpController } from './google/google-consent.http.controller';
import { GoogleOAuthGrants } from './google/google-oauth.grants';
import { GoogleOAuthHttpController } from './google/google-oauth.http.controller';
import { FaultsHttpController } from './faults/faults.http.controller';
import { FaultsService } from './faults/faults.service';
import { HeldResponses } from './faults/held-responses';
import { MercadoPagoAdminHttpController } from './mercado-pago/mercado-pago-admin.http.controller';
import { MercadoPagoFallbackHttpController } from './mercado-pago/mercado-pago-fallback.http.controller';
import { MercadoPagoHttpController } from './mercado-pago/mercado-pago.http.controller';
import { MercadoPagoNotifications } from './mercado-pago/mercado-pago.notifications';
import { MercadoPagoPayments } from './mercado-pago/mercado-pago.payments';
import { MercadoPagoStore } from './mercado-pago/mercado-pago.store';
import { MuxAdminHttpController } from './mux/mux-admin.http.controller';
import { MuxAssetsHttpController } from './mux/mux-assets.http.controller';
import { MuxFallbackHttpController } from './mux/mux-fallback.http.controller';
import { MuxLiveStreamsHttpController } from './mux/mux-live-streams.http.controller';
import { MuxPlaybackHttpController } from './mux/mux-playback.http.controller';
import { MuxSigningKeysHttpController } from './mux/mux-signing-keys.http.controller';
import { MuxAssets } from './mux/mux.assets';
import { MuxEvents } from './mux/mux.events';
import { MuxLiveStreams } from './mux/mux.live-streams';
import { MuxPlaybackIds } from './mux/mux.playback-ids';
import { MuxSigningKeys } from './mux/mux.signing-keys';
import { PagSeguroFallbackHttpController } from './pagseguro/pagseguro-fallback.http.controller';
import { PagSeguroCharges } from './pagseguro/pagseguro.charges';
import { PagSeguroHttpController } from './pagseguro/pagseguro.http.controller';
import { StripeCustomersHttpController } from './stripe/stripe-customers.http.controller';
import { StripeFallbackHttpController } from './stripe/stripe-fallback.http.controller';
import { StripePaymentIntentsHttpController } from './stripe/stripe-payment-intents.http.controller';
import { StripeRefundsHttpController } from './stripe/stripe-refunds.http.controller';
import { StripeEvents } from './stripe/stripe.events';
import { StripePayments } from './stripe/stripe.payments';
import { StripeStore } from './stripe/stripe.store';
import { SmtpAdminHttpController } from './smtp/smtp-admin.http.controller';
import { SmtpMailbox } from './smtp/smtp.mailbox';
import { SmtpSandboxServer } from './smtp/smtp.server';
import { WebhookSender } from './webhooks/webhook.sender';
import { TwilioAdminHttpController } from './twilio/twilio-admin.http.controller';
import { TwilioFallbackHttpController } from './twilio/twilio-fallback.http.controller';
import { TwilioHttpController } from './twilio/twilio.http.controller';
import { TwilioMessages } from './twilio/twilio.messages';
import { WhatsAppCloudAdminHttpController } from './whatsapp-cloud/whatsapp-cloud-admin.http.controller';
import { WhatsAppCloudFallbackHttpController } from './whatsapp-cloud/whatsapp-cloud-fallback.http.controller';
import { WhatsAppCloudHttpController } from './whatsapp-cloud/whatsapp-cloud.http.controller';
import { WhatsAppCloudMessages } from './whatsapp-cloud/whatsapp-cloud.messages';

/**
 * The simulated vendors and the admin API that switches their faults. Controller order matters: each
 * vendor's catch-all (its 404 in the vendor's shape) comes after that vendor's routes, and FCM's
 * `/v1/projects/…` before Stripe's `/v1` catch-all. The SMTP server listens on its own port.
 */
@Module({
  controllers: [
    AccessVendorHttpController,
    FaultsHttpController,
    GoogleOAuthHttpController,
    GoogleConsentHttpController,
    GoogleCalendarHttpController,
    GoogleAdminHttpController,
    GoogleCalendarFallbackHttpController,
    FcmHttpController,
    FcmAdminHttpController,
    FcmFallbackHttpController,
    SmtpAdminHttpController,
    StripeCustomersHttpController,
    StripePaymentIntentsHttpController,
    StripeRefundsHttpController,
    StripeFallbackHttpController,
    MercadoPagoHttpController,
    MercadoPagoAdminHttpController,
    MercadoPagoFallbackHttpController,
    PagSeguroHttpController,
    PagSeguroFallbackHttpController,
    TwilioHttpController,
    TwilioAdminHttpController,
    TwilioFallbackHttpController,
    WhatsAppCloudHttpController,
    WhatsAppCloudAdminHttpController,
    WhatsAppCloudFallbackHttpController,
    MuxLiveStreamsHttpController,
    MuxAssetsHttpController,
    MuxSigningKeysHttpController,
    MuxPlaybackHttpController,
    MuxAdminHttpController,
    MuxFallbackHttpController,
  ],
  providers: [
    FaultsService,
    HeldResponses,
    WebhookSender,
    StripeStore,
    StripeEvents,
    StripePayments,
    MercadoPagoStore,
    MercadoPagoNotifications,
    MercadoPagoPayments,
    PagSeguroCharges,
    TwilioMessages,
    WhatsAppCloudMessages,
    GoogleOAuth,
    GoogleOAuthGrants,
    GoogleCalendarEvents,
    GoogleCalendarChannels,
    FcmDevices,
    SmtpMailbox,
    SmtpSandboxServer,
    MuxEvents,
    MuxPlaybackIds,
    MuxAssets,
    MuxLiveStreams,
    MuxSigningKeys,
  ],
})
export class SandboxModule {}
