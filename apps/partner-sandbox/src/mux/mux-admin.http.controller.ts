import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { MuxAssets } from './mux.assets';
import { MuxEvents } from './mux.events';
import { MuxLiveStreams } from './mux.live-streams';

/** Connects at most 12 h in the past (Mux's longest asset). */
const MAX_BACKDATE_MS = 12 * 3_600_000;

const connectSchema = z
  .object({
    /** When the encoder connected (ISO 8601, not in the future): the recording starts there. */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
const errorSchema = z
  .object({
    type: z.string().min(1).default('invalid_input'),
    messages: z.array(z.string().min(1)).min(1).default(['The input file could not be processed.']),
  })
  .strict();
const settingsSchema = z.object({ assetReadyDelayMs: z.number().int().min(0).max(600_000) }).strict();
const eventsQuery = z.object({ type: z.string().optional(), objectId: z.string().optional() }).strict();

/**
 * Mux's side of the admin API, for tests and demos: the camera's encoder connecting to and leaving a
 * stream (by its stream key, as an encoder knows it), an asset failing, every live stream and asset as
 * stored (with what the API hides: encoder state, clip windows, deleted ones), the webhook events sent
 * and their deliveries, and how long clips take. No auth, no faults; errors in the sandbox's own shape.
 */
@Controller('__admin/mux')
export class MuxAdminHttpController {
  constructor(
    private readonly streams: MuxLiveStreams,
    private readonly assets: MuxAssets,
    private readonly events: MuxEvents,
  ) {}

  @Get('live-streams')
  liveStreams() {
    return this.streams.all();
  }

  @Get('assets')
  allAssets() {
    return this.assets.all();
  }

  /** The encoder connects with the stream key: the stream goes active and records from `at` (default now). */
  @Post('encoders/:streamKey/connect')
  @HttpCode(200)
  connect(@Param('streamKey') streamKey: string, @Body() body: unknown) {
    const { at } = parseOrBadRequest(connectSchema, body ?? {}, 'invalid_connect');
    const now = Date.now();
    const when = at ? Date.parse(at) : now;
    if (when > now || when < now - MAX_BACKDATE_MS) {
      throw new BadRequestException({
        error: 'invalid_connect',
        field: 'at',
        reason: 'within the last 12 hours',
      });
    }
    return this.streams.connect(streamKey, when);
  }

  /** The encoder leaves: the stream goes idle after its reconnect window. */
  @Post('encoders/:streamKey/disconnect')
  @HttpCode(200)
  disconnect(@Param('streamKey') streamKey: string) {
    return this.streams.disconnect(streamKey);
  }

  /** The asset fails (`video.asset.errored`), e.g. `{ type: 'invalid_input', messages: [...] }`. */
  @Post('assets/:id/error')
  @HttpCode(200)
  error(@Param('id') id: string, @Body() body: unknown) {
    return this.assets.fail(id, parseOrBadRequest(errorSchema, body ?? {}, 'invalid_error'));
  }

  /** Webhook events emitted, oldest first, each with its deliveries; `?type=` and `?objectId=` narrow. */
  @Get('events')
  listEvents(@Query() query: unknown) {
    return this.events.list(parseOrBadRequest(eventsQuery, query ?? {}, 'invalid_query'));
  }

  @Get('settings')
  settings() {
    return { assetReadyDelayMs: this.assets.readyDelay() };
  }

  /** How long clips created from now on stay `preparing` (ms). */
  @Put('settings')
  setSettings(@Body() body: unknown) {
    const { assetReadyDelayMs } = parseOrBadRequest(settingsSchema, body ?? {}, 'invalid_settings');
    this.assets.setReadyDelay(assetReadyDelayMs);
    return { assetReadyDelayMs };
  }
}
