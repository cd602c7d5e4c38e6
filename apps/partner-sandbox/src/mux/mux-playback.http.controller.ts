import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import type { HttpResponse } from '../common/http.types';
import { MuxAssets } from './mux.assets';
import { MuxApiException, MuxExceptionFilter, muxNotFound } from './mux.errors';
import { MuxLiveStreams } from './mux.live-streams';
import { checkPlaybackToken } from './mux.playback-tokens';
import { MuxPlaybackIds } from './mux.playback-ids';
import { hlsPlaylist } from './mux.playlists';
import { MuxSigningKeys } from './mux.signing-keys';

const HLS = /^([A-Za-z0-9]+)\.m3u8$/;

/**
 * Mux's playback host, `https://stream.mux.com/{playback_id}.m3u8[?token=…]`, at `/stream/…`: a signed
 * playback id needs a valid token for video (`aud` `v`, see checkPlaybackToken) else 403; an unknown or
 * deleted one is 404; a live stream that is not active, or an asset not ready, is 412 (Mux's answer
 * before there is anything to play); otherwise an HLS playlist of the media (see hlsPlaylist).
 *
 * Another Mux service than the API: no access token, and the `mux` faults do not reach it. Not
 * simulated: thumbnails, storyboards and GIFs (image.mux.com), renditions and segments, instant
 * clipping and other playback modifiers, DRM.
 */
@Controller('stream')
@UseFilters(MuxExceptionFilter)
export class MuxPlaybackHttpController {
  constructor(
    private readonly playbackIds: MuxPlaybackIds,
    private readonly signingKeys: MuxSigningKeys,
    private readonly assets: MuxAssets,
    private readonly streams: MuxLiveStreams,
  ) {}

  @Get(':file')
  async play(
    @Param('file') file: string,
    @Query('token') token: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<string> {
    const playbackId = HLS.exec(file)?.[1];
    const playback = playbackId ? this.playbackIds.get(playbackId) : undefined;
    if (!playbackId || !playback) throw muxNotFound();
    if (playback.policy === 'signed') {
      const check = await checkPlaybackToken(
        typeof token === 'string' ? token : undefined,
        { playbackId, audience: 'v' },
        (kid) => this.signingKeys.publicKeyOf(kid),
      );
      if (!check.ok) throw new MuxApiException(403, 'forbidden', [check.reason]);
    }
    const media = this.media(playback.object);
    res.setHeader('content-type', 'application/vnd.apple.mpegurl');
    res.setHeader('cache-control', 'no-store');
    return hlsPlaylist(media.seconds, { ended: media.ended, segmentPrefix: `${playbackId}/segment-` });
  }

  /** What the playback id plays now: how many seconds, and whether more are coming. */
  private media(object: { type: 'asset' | 'live_stream'; id: string }): { seconds: number; ended: boolean } {
    if (object.type === 'live_stream') {
      const stream = this.streams.record(object.id);
      if (!stream || stream.deleted) throw muxNotFound();
      const asset = stream.activeAssetId ? this.assets.record(stream.activeAssetId) : undefined;
      if (stream.status !== 'active' || !asset) throw notPlayable('The live stream is not active.');
      return { seconds: this.assets.durationOf(asset) ?? 0, ended: false };
    }
    const asset = this.assets.record(object.id);
    if (!asset || asset.deleted) throw muxNotFound();
    if (asset.status !== 'ready') throw notPlayable(`The asset is ${asset.status}.`);
    return { seconds: this.assets.durationOf(asset) ?? 0, ended: !asset.isLive };
  }
}

const notPlayable = (message: string) => new MuxApiException(412, 'precondition_failed', [message]);
