import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { GoogleApiException, notFound } from './google-calendar.errors';
import { GoogleCalendarEvents, type Calendar } from './google-calendar.events';

/** Google's default lifetime of a Calendar channel (a week); a client may ask for less. */
const DEFAULT_TTL_MS = 7 * 24 * 3_600_000;
const DELIVERY_TIMEOUT_MS = 5_000;

const watchInput = z.object({
  id: z.string().min(1).max(64),
  type: z.enum(['web_hook', 'webhook']),
  address: z.url(),
  token: z.string().max(256).optional(),
  expiration: z.union([z.string().regex(/^\d+$/), z.number().int()]).optional(),
  params: z.record(z.string(), z.string()).optional(),
});

/** Google's Channel resource. */
export interface ChannelResource {
  kind: 'api#channel';
  id: string;
  resourceId: string;
  resourceUri: string;
  token?: string;
  expiration: string;
}

/** One notification the sandbox posted, for the admin API. */
export interface ChannelDelivery {
  messageNumber: number;
  state: 'sync' | 'exists';
  at: string;
  status: number | null;
  error?: string;
}

interface Channel {
  resource: ChannelResource;
  calendarId: string;
  owner: string;
  address: string;
  expiresAt: number;
  stopped: boolean;
  messageNumber: number;
  deliveries: ChannelDelivery[];
  /** Notifications go out one after another per channel, so message numbers arrive in order. */
  queue: Promise<void>;
}

/**
 * Push notifications for `events.watch`: a channel per watch, a `sync` message when it opens and an
 * `exists` one on each change to the calendar's events, posted empty-bodied with Google's `X-Goog-*`
 * headers to the channel's address until it expires or is stopped. Unlike Google the address may be
 * plain http (local receivers); deliveries are not retried.
 */
@Injectable()
export class GoogleCalendarChannels {
  private readonly logger = new Logger(GoogleCalendarChannels.name);
  private readonly channels = new Map<string, Channel>();

  constructor(events: GoogleCalendarEvents) {
    events.onChange((calendarId) => this.changed(calendarId));
  }

  watch(calendar: Calendar, body: unknown): ChannelResource {
    const input = parseOrBadRequest(watchInput, body ?? {}, 'invalid');
    const existing = this.channels.get(input.id);
    if (existing && this.live(existing)) {
      throw new GoogleApiException(400, `Channel id ${input.id} not unique`, 'channelIdNotUnique');
    }
    const requested = input.expiration === undefined ? undefined : Number(input.expiration);
    const expiresAt = Math.min(requested ?? Infinity, Date.now() + DEFAULT_TTL_MS);
    const resourceUri = `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(calendar.id)}/events?alt=json`;
    const channel: Channel = {
      resource: {
        kind: 'api#channel',
        id: input.id,
        resourceId: createHash('sha256').update(calendar.id).digest('base64url').slice(0, 27),
        resourceUri,
        ...(input.token !== undefined && { token: input.token }),
        expiration: String(expiresAt),
      },
      calendarId: calendar.id,
      owner: calendar.owner,
      address: input.address,
      expiresAt,
      stopped: false,
      messageNumber: 0,
      deliveries: [],
      queue: Promise.resolve(),
    };
    this.channels.set(input.id, channel);
    this.notify(channel, 'sync');
    return channel.resource;
  }

  /** `channels.stop`: by id and resource id, for the member who opened it; 404 otherwise. */
  stop(email: string, body: unknown): void {
    const { id, resourceId } = parseOrBadRequest(
      z.object({ id: z.string(), resourceId: z.string() }),
      body ?? {},
      'invalid',
    );
    const channel = this.channels.get(id);
    if (
      !channel ||
      channel.resource.resourceId !== resourceId ||
      channel.owner !== email ||
      channel.stopped
    ) {
      throw notFound();
    }
    channel.stopped = true;
  }

  /** Every channel, with what was delivered on it. */
  list(calendarId?: string) {
    return [...this.channels.values()]
      .filter((c) => !calendarId || c.calendarId === calendarId)
      .map((c) => ({
        ...c.resource,
        calendarId: c.calendarId,
        address: c.address,
        live: this.live(c),
        deliveries: c.deliveries,
      }));
  }

  private changed(calendarId: string): void {
    for (const channel of this.channels.values()) {
      if (channel.calendarId === calendarId && this.live(channel)) this.notify(channel, 'exists');
    }
  }

  private live(channel: Channel): boolean {
    return !channel.stopped && channel.expiresAt > Date.now();
  }

  private notify(channel: Channel, state: 'sync' | 'exists'): void {
    const messageNumber = ++channel.messageNumber;
    const headers: Record<string, string> = {
      'X-Goog-Channel-ID': channel.resource.id,
      'X-Goog-Channel-Expiration': new Date(channel.expiresAt).toUTCString(),
      'X-Goog-Resource-ID': channel.resource.resourceId,
      'X-Goog-Resource-URI': channel.resource.resourceUri,
      'X-Goog-Resource-State': state,
      'X-Goog-Message-Number': String(messageNumber),
      ...(channel.resource.token !== undefined && { 'X-Goog-Channel-Token': channel.resource.token }),
    };
    channel.queue = channel.queue.then(async () => {
      const delivery: ChannelDelivery = { messageNumber, state, at: new Date().toISOString(), status: null };
      channel.deliveries.push(delivery);
      try {
        const res = await fetch(channel.address, {
          method: 'POST',
          headers: { ...headers, 'content-length': '0' },
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        });
        delivery.status = res.status;
        await res.body?.cancel();
      } catch (error) {
        delivery.error = (error as Error).message;
        this.logger.warn(
          `channel ${channel.resource.id}: ${state} #${messageNumber} not delivered: ${delivery.error}`,
        );
      }
    });
  }
}
