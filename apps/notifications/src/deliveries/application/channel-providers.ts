import { Inject, Injectable } from '@nestjs/common';
import type { Channel, ProviderName } from '../../shared/domain/channels';
import { CHANNEL_PROVIDERS, type ChannelProvider } from './ports/channel-provider.port';

/** The configured adapters, looked up by name and by channel (in the order they were bound). */
@Injectable()
export class ChannelProviders {
  private readonly byName: Map<ProviderName, ChannelProvider>;

  constructor(@Inject(CHANNEL_PROVIDERS) providers: ChannelProvider[]) {
    this.byName = new Map(providers.map((p) => [p.provider, p]));
  }

  /** The providers that can carry the channel, first choice first (WhatsApp: Twilio, then Cloud API). */
  providersOf(channel: Channel): ProviderName[] {
    return [...this.byName.values()].filter((p) => p.channels.includes(channel)).map((p) => p.provider);
  }

  get(provider: ProviderName): ChannelProvider | undefined {
    return this.byName.get(provider);
  }
}
