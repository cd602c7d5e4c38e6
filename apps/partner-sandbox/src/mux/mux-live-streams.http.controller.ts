import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { MuxApi } from './mux.api';
import { MuxLiveStreams } from './mux.live-streams';

/**
 * Mux Video live streams (`https://api.mux.com/video/v1/live-streams`; @mux/mux-node's
 * `video.liveStreams` with `baseURL` at the sandbox). Answers are wrapped in `{ data }` as Mux's are;
 * deletes answer 204, complete/disable/enable `{ data: {} }`.
 */
@Controller('video/v1/live-streams')
@MuxApi()
export class MuxLiveStreamsHttpController {
  constructor(private readonly streams: MuxLiveStreams) {}

  @Post()
  create(@Body() body: unknown) {
    return { data: this.streams.create(body) };
  }

  @Get()
  list(@Query() query: unknown) {
    return this.streams.list(query);
  }

  @Get(':id')
  retrieve(@Param('id') id: string) {
    return { data: this.streams.retrieve(id) };
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: unknown) {
    return { data: this.streams.update(id, body) };
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id') id: string): void {
    this.streams.delete(id);
  }

  @Put(':id/complete')
  complete(@Param('id') id: string) {
    this.streams.complete(id);
    return { data: {} };
  }

  @Put(':id/disable')
  disable(@Param('id') id: string) {
    this.streams.disable(id);
    return { data: {} };
  }

  @Put(':id/enable')
  enable(@Param('id') id: string) {
    this.streams.enable(id);
    return { data: {} };
  }

  @Post(':id/reset-stream-key')
  resetStreamKey(@Param('id') id: string) {
    return { data: this.streams.resetStreamKey(id) };
  }

  @Post(':id/playback-ids')
  createPlaybackId(@Param('id') id: string, @Body() body: unknown) {
    return { data: this.streams.createPlaybackId(id, body) };
  }

  @Get(':id/playback-ids/:playbackId')
  playbackId(@Param('id') id: string, @Param('playbackId') playbackId: string) {
    return { data: this.streams.playbackId(id, playbackId) };
  }

  @Delete(':id/playback-ids/:playbackId')
  @HttpCode(204)
  deletePlaybackId(@Param('id') id: string, @Param('playbackId') playbackId: string): void {
    this.streams.deletePlaybackId(id, playbackId);
  }
}
