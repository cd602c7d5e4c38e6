import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { MuxApi } from './mux.api';
import { MuxAssets } from './mux.assets';
import { muxNotFound } from './mux.errors';
import { MuxPlaybackIds } from './mux.playback-ids';

/**
 * Mux Video assets and playback ids (`https://api.mux.com/video/v1/assets`, `/playback-ids`;
 * @mux/mux-node's `video.assets` and `video.playbackIds`). Creating an asset means clipping one:
 * `input: [{ url: 'mux://assets/{asset_id}', start_time, end_time }]` (seconds).
 */
@Controller('video/v1')
@MuxApi()
export class MuxAssetsHttpController {
  constructor(
    private readonly assets: MuxAssets,
    private readonly playbackIds: MuxPlaybackIds,
  ) {}

  @Post('assets')
  create(@Body() body: unknown) {
    return { data: this.assets.create(body) };
  }

  @Get('assets')
  list(@Query() query: unknown) {
    return this.assets.list(query);
  }

  @Get('assets/:id')
  retrieve(@Param('id') id: string) {
    return { data: this.assets.retrieve(id) };
  }

  @Patch('assets/:id')
  update(@Param('id') id: string, @Body() body: unknown) {
    return { data: this.assets.update(id, body) };
  }

  @Delete('assets/:id')
  @HttpCode(204)
  delete(@Param('id') id: string): void {
    this.assets.delete(id);
  }

  @Get('assets/:id/input-info')
  inputInfo(@Param('id') id: string) {
    return { data: this.assets.inputInfo(id) };
  }

  @Post('assets/:id/playback-ids')
  createPlaybackId(@Param('id') id: string, @Body() body: unknown) {
    return { data: this.assets.createPlaybackId(id, body) };
  }

  @Get('assets/:id/playback-ids/:playbackId')
  playbackId(@Param('id') id: string, @Param('playbackId') playbackId: string) {
    return { data: this.assets.playbackId(id, playbackId) };
  }

  @Delete('assets/:id/playback-ids/:playbackId')
  @HttpCode(204)
  deletePlaybackId(@Param('id') id: string, @Param('playbackId') playbackId: string): void {
    this.assets.deletePlaybackId(id, playbackId);
  }

  /** What a playback id plays: `{ id, policy, object: { type: 'asset' | 'live_stream', id } }`. */
  @Get('playback-ids/:playbackId')
  playback(@Param('playbackId') playbackId: string) {
    const found = this.playbackIds.get(playbackId);
    if (!found) throw muxNotFound();
    return { data: found };
  }
}
