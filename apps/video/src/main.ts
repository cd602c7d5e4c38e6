// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('video');

import { runService } from '@sportclub/service-kit';
import { videoConfigSchema } from './config/video.config';
import { VIDEO_MIGRATIONS } from './migrations';
import { StreamsModule } from './streams/streams.module';

void runService({
  name: 'video',
  features: [StreamsModule],
  configSchema: videoConfigSchema,
  migrations: VIDEO_MIGRATIONS,
});
