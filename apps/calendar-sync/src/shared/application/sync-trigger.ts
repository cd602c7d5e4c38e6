import { Injectable } from '@nestjs/common';

type Work = 'write' | 'pull';

/**
 * Wakes the sync workers at once when work was just committed (a booking to write, a calendar to read
 * back), instead of leaving it for their next timed pass. Lets connections start a sync without
 * depending on the sync context.
 */
@Injectable()
export class SyncTrigger {
  private readonly listeners: Record<Work, (() => void)[]> = { write: [], pull: [] };

  on(work: Work, listener: () => void): void {
    this.listeners[work].push(listener);
  }

  kick(work: Work): void {
    for (const listener of this.listeners[work]) listener();
  }
}
