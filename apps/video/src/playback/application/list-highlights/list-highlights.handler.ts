import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { Viewer } from '../get-highlight/get-highlight.handler';
import { PLAYBACK_REPOSITORY, type PlaybackRepositoryPort } from '../ports/playback.repository.port';

/**
 * The club's highlights a viewer may see, newest first, without playback URLs: a member's own (whatever
 * member they name), staff any member's or court's.
 */
@Injectable()
export class ListHighlightsHandler {
  constructor(@Inject(PLAYBACK_REPOSITORY) private readonly playback: PlaybackRepositoryPort) {}

  async execute(
    tx: Transaction,
    tenantId: string,
    viewer: Viewer,
    q: { memberId?: string; courtId?: string; limit: number },
  ) {
    const memberId = viewer.staff ? q.memberId : viewer.subject;
    const rows = await this.playback.highlights(tx, tenantId, { ...q, memberId });
    return rows.map(({ playbackId: _, ...view }) => view);
  }
}
