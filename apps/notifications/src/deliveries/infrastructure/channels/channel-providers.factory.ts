import { Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { ResilientCaller } from '@sportclub/resilience';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import { configured, type NotificationsConfig } from '../../../config/notifications.config';
import { CHANNEL_PROVIDERS, type ChannelProvider } from '../../application/ports/channel-provider.port';
import {
  PROVIDER_CREDENTIALS,
  type ProviderCredentialsPort,
} from '../../application/ports/provider-credentials.port';
import { FcmAdapter } from './fcm.adapter';
import { MESSAGING_RESILIENCE_POLICY } from './messaging-resilience.policy';
import { SmtpAdapter } from './smtp.adapter';
import { TwilioMessagingAdapter } from './twilio-messaging.adapter';
import { WhatsAppCloudAdapter } from './whatsapp-cloud.adapter';

/** One caller (timeouts, retries, a breaker per provider and club) for every messaging provider. */
@Injectable()
export class MessagingCaller extends ResilientCaller implements OnApplicationShutdown {
  constructor() {
    super(MESSAGING_RESILIENCE_POLICY);
  }
  onApplicationShutdown(): void {
    this.shutdown();
  }
}

/** The adapters with connections or SDK apps to close when the service stops. */
@Injectable()
export class ChannelProvidersLifecycle implements OnApplicationShutdown {
  readonly closing: (() => unknown)[] = [];
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.closing.map((close) => close()));
  }
}

/**
 * The adapters of the providers the platform has an account with, in the order a channel tries them:
 * WhatsApp through Twilio first, the Cloud API second; push through FCM; e-mail through SMTP.
 */
export const channelProviders: Provider = {
  provide: CHANNEL_PROVIDERS,
  inject: [SERVICE_CONFIG, PROVIDER_CREDENTIALS, MessagingCaller, ChannelProvidersLifecycle],
  useFactory: (
    config: NotificationsConfig,
    credentials: ProviderCredentialsPort,
    caller: MessagingCaller,
    lifecycle: ChannelProvidersLifecycle,
  ): ChannelProvider[] => {
    const providers: ChannelProvider[] = [];
    if (configured(config, 'twilio')) {
      providers.push(
        new TwilioMessagingAdapter({
          apiUrl: config.TWILIO_API_URL,
          publicWebhookBaseUrl: config.PUBLIC_WEBHOOK_BASE_URL,
          caller,
          credentials,
        }),
      );
    }
    if (configured(config, 'whatsapp-cloud')) {
      providers.push(
        new WhatsAppCloudAdapter({
          graphApiUrl: config.WHATSAPP_CLOUD_API_URL ?? 'https://graph.facebook.com',
          caller,
          credentials,
        }),
      );
    }
    if (configured(config, 'fcm')) {
      const fcm = new FcmAdapter({
        apiUrl: config.FCM_API_URL,
        tokenUrl: config.FCM_TOKEN_URL,
        caller,
        credentials,
      });
      lifecycle.closing.push(() => fcm.close());
      providers.push(fcm);
    }
    if (configured(config, 'smtp')) {
      const smtp = new SmtpAdapter({ caller, credentials });
      lifecycle.closing.push(() => smtp.close());
      providers.push(smtp);
    }
    return providers;
  },
};
