import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import { configured, type NotificationsConfig } from '../../config/notifications.config';
import type { ProviderName } from '../../shared/domain/channels';
import type {
  ProviderCredentials,
  ProviderCredentialsPort,
} from '../application/ports/provider-credentials.port';

/**
 * The platform's provider accounts from the environment: what a club uses for a provider it has no
 * account of its own with (ClubCredentials asks this last).
 */
@Injectable()
export class PlatformCredentials implements ProviderCredentialsPort {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig) {}

  get<P extends ProviderName>(_tenantId: string, provider: P): Promise<ProviderCredentials[P]> {
    const c = this.config;
    if (!configured(c, provider)) return Promise.reject(new Error(`${provider} is not configured`));
    const all: { [K in ProviderName]: () => ProviderCredentials[K] } = {
      twilio: () => ({
        accountSid: c.TWILIO_ACCOUNT_SID!,
        authToken: c.TWILIO_AUTH_TOKEN!,
        whatsappFrom: c.TWILIO_WHATSAPP_FROM!,
        smsFrom: c.TWILIO_SMS_FROM ?? c.TWILIO_WHATSAPP_FROM!,
        contentSids: c.TWILIO_CONTENT_SIDS,
      }),
      'whatsapp-cloud': () => ({
        accessToken: c.WHATSAPP_CLOUD_ACCESS_TOKEN!,
        phoneNumberId: c.WHATSAPP_CLOUD_PHONE_NUMBER_ID!,
        appSecret: c.WHATSAPP_CLOUD_APP_SECRET!,
        verifyToken: c.WHATSAPP_CLOUD_VERIFY_TOKEN!,
      }),
      fcm: () => ({
        projectId: c.FCM_PROJECT_ID!,
        clientEmail: c.FCM_CLIENT_EMAIL!,
        privateKey: c.FCM_PRIVATE_KEY!,
      }),
      smtp: () => ({
        host: c.SMTP_HOST!,
        port: c.SMTP_PORT,
        secure: c.SMTP_SECURE,
        ...(c.SMTP_USER && { user: c.SMTP_USER }),
        ...(c.SMTP_PASS && { pass: c.SMTP_PASS }),
        from: c.SMTP_FROM!,
      }),
    };
    return Promise.resolve(all[provider]() as ProviderCredentials[P]);
  }
}
