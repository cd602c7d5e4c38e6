// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('video');

import { runService } from '@sportclub/service-kit';
import { videoConfigSchema } from './config/video.config';
import { HighlightsModule } from './highlights/highlights.module';
import { VIDEO_MIGRATIONS } from './migrations';
import { PlaybackModule } from './playback/playback.module';
import { PrivacyModule } from './privacy/privacy.module';
import { SharedModule } from './shared/shared.module';
import { StreamsModule } from './streams/streams.module';
import { WebhooksModule } from './webhooks/webhooks.module';

void runService({
  name: 'video',
  features: [SharedModule, StreamsModule, HighlightsModule, WebhooksModule, PlaybackModule, PrivacyModule],
  configSchema: videoConfigSchema,
  migrations: VIDEO_MIGRATIONS,
});
