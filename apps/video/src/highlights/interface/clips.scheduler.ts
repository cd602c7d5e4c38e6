import { Injectable } from '@nestjs/common';
import { ScheduledPasses } from '@sportclub/service-kit';
import { CheckClipsHandler } from '../application/check-clips/check-clips.handler';

/** Looks for requested clips due a look at the vendor every 5 s (an indexed query when none is). */
@Injectable()
export class ClipsScheduler extends ScheduledPasses {
  constructor(clips: CheckClipsHandler) {
    super(
      { logger: 'Highlights', doing: 'looking up clips at the vendor', everyMs: 5_000, atStart: true },
      () => clips.execute(),
    );
  }
}
