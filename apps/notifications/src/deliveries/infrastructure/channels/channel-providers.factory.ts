import type { Provider } from '@nestjs/common';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { NotificationsConfig } from '../../../config/notifications.config';
import { CHANNEL_PROVIDERS, type ChannelProvider } from '../../application/ports/channel-provider.port';
import {
  PROVIDER_CREDENTIALS,
  type ProviderCredentialsPort,
} from '../../application/ports/provider-credentials.port';

/** The adapters of the providers the platform has an account with, in the order channels try them. */
export const channelProviders: Provider = {
  provide: CHANNEL_PROVIDERS,
  inject: [SERVICE_CONFIG, PROVIDER_CREDENTIALS],
  useFactory: (_config: NotificationsConfig, _credentials: ProviderCredentialsPort): ChannelProvider[] => [],
};
